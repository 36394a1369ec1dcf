package org.gatehouse.registration.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every page and every redirect of the sign-up and developer pages get: a strict CSP with no framing
 * (clickjacking), no caching (pages hold CSRF tokens, one holds an API key), no referrer (nothing of ours leaks into
 * other sites' logs). JSON answers are left alone.
 */
public class SecurityHeadersFilter {

    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        boolean html = type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE);
        boolean redirect = response.getStatus() >= 300 && response.getStatus() < 400;
        if (!html && !redirect) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Cache-Control", "no-store");
        headers.putSingle("Pragma", "no-cache");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("X-Content-Type-Options", "nosniff");
    }
}
