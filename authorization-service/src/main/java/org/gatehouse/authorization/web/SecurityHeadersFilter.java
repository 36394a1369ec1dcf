package org.gatehouse.authorization.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every page and every redirect of the browser flow gets: no framing (clickjacking, RFC 6749 §10.13),
 * no caching (pages hold CSRF tokens, redirects hold codes), no referrer (URLs hold codes and state).
 * A page that needs a wider CSP {@code form-action} sets its own policy first.
 */
public class SecurityHeadersFilter {

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        boolean html = type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE);
        boolean redirect = response.getStatus() >= 300 && response.getStatus() < 400;
        if (!html && !redirect) {
            return;
        }
        var headers = response.getHeaders();
        if (!headers.containsKey(ContentSecurityPolicy.HEADER)) {
            headers.putSingle(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.DEFAULT);
        }
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Cache-Control", "no-store");
        headers.putSingle("Pragma", "no-cache");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("X-Content-Type-Options", "nosniff");
    }
}
