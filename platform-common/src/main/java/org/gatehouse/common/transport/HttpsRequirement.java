package org.gatehouse.common.transport;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.ratelimit.ClientIp;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;

/**
 * OAuth 2.0 needs TLS on every public request (RFC 6749 §1.6, §3.1, §3.2). Whenever the public URL is https,
 * a public request that did not arrive over TLS — directly, or per {@code X-Forwarded-Proto} from a proxy trusted
 * through {@code quarkus.http.proxy.trusted-proxies} — is refused with {@code invalid_request}, and TLS answers carry
 * HSTS. A plain-http public URL (the local run on loopback) needs no TLS. Probes ({@code /q}) and sibling calls
 * ({@code /internal}, authenticated by service JWTs) never pass the ingress and are exempt.
 * <p>
 * The scheme is read here rather than taken from Quarkus, which believes the left-most {@code X-Forwarded-Proto}
 * value (and {@code X-Forwarded-Ssl: on}): behind a proxy that appends its value or adds its own header line, the
 * left-most one is whatever the client sent. Only the right-most value, the one the trusted proxy in front wrote,
 * counts; {@code X-Forwarded-Ssl} and {@code Forwarded} never do. The ingress must therefore set
 * {@code X-Forwarded-Proto} itself (replace it, or append its own last), as ingress-nginx does by default.
 */
public class HttpsRequirement {

    static final String HSTS = "max-age=31536000; includeSubDomains";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    /** The request arrived over TLS, as this filter judged it; read again for the HSTS header. */
    private static final String HTTPS_PROPERTY = HttpsRequirement.class.getName() + ".https";

    private final boolean required;

    public HttpsRequirement(GatehouseConfig config) {
        this.required = config.publicUrl().startsWith("https://");
    }

    @ServerRequestFilter(preMatching = true)
    public Response refusePlainHttp(ContainerRequestContext request, HttpServerRequest connection) {
        if (!required || exempt(request)) {
            return null;
        }
        boolean https = isHttps(connection);
        request.setProperty(HTTPS_PROPERTY, https);
        return https ? null : ErrorResponses.of(OAuthError.INVALID_REQUEST, "HTTPS required");
    }

    @ServerResponseFilter
    public void strictTransportSecurity(ContainerRequestContext request, ContainerResponseContext response) {
        if (Boolean.TRUE.equals(request.getProperty(HTTPS_PROPERTY))) {
            response.getHeaders().putSingle("Strict-Transport-Security", HSTS);
        }
    }

    private static boolean exempt(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/q/") || path.startsWith("/internal");
    }

    /** Over TLS to this process, or so says the right-most {@code X-Forwarded-Proto} of a trusted proxy. */
    static boolean isHttps(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (connection != null && connection.isSsl()) {
            return true;
        }
        if (!ClientIp.fromTrustedProxy(request)) {
            return false;
        }
        return "https".equalsIgnoreCase(rightMost(request.headers().getAll(X_FORWARDED_PROTO)));
    }

    /** The last value of a comma-separated header over all its lines; null when there is none. */
    static String rightMost(List<String> lines) {
        for (int line = lines.size() - 1; line >= 0; line--) {
            String[] values = lines.get(line).split(",");
            for (int i = values.length - 1; i >= 0; i--) {
                if (!values[i].isBlank()) {
                    return values[i].trim();
                }
            }
        }
        return null;
    }
}
