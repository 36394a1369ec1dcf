package org.gatehouse.common.transport;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * OAuth 2.0 needs TLS on every public request (RFC 6749 §1.6, §3.1, §3.2). Whenever the public URL is https,
 * a public request that did not arrive over TLS — directly, or per {@code X-Forwarded-Proto} from a proxy trusted
 * through {@code quarkus.http.proxy.*} — is refused with {@code invalid_request}, and TLS answers carry HSTS.
 * A plain-http public URL (the local run on loopback) needs no TLS. Probes ({@code /q}) and sibling calls
 * ({@code /internal}, authenticated by service JWTs) never pass the ingress and are exempt.
 */
public class HttpsRequirement {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean required;

    public HttpsRequirement(GatehouseConfig config) {
        this.required = config.publicUrl().startsWith("https://");
    }

    @ServerRequestFilter(preMatching = true)
    public Response refusePlainHttp(ContainerRequestContext request) {
        if (!required || exempt(request) || isHttps(request)) {
            return null;
        }
        return ErrorResponses.of(OAuthError.INVALID_REQUEST, "HTTPS required");
    }

    @ServerResponseFilter
    public void strictTransportSecurity(ContainerRequestContext request, ContainerResponseContext response) {
        if (required && isHttps(request) && !exempt(request)) {
            response.getHeaders().putSingle("Strict-Transport-Security", HSTS);
        }
    }

    private static boolean exempt(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/q/") || path.startsWith("/internal");
    }

    private static boolean isHttps(ContainerRequestContext request) {
        return "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
    }
}
