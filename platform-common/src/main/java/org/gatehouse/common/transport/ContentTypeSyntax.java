package org.gatehouse.common.transport;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.common.error.OAuthException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any endpoint is matched, a {@code Content-Type} that is not a media type at all ({@code foo},
 * {@code /}, an empty value): Quarkus REST parses it while matching the resource and its failure surfaced as a 500.
 * A well-formed type an endpoint does not consume still gets the router's 415.
 */
public class ContentTypeSyntax {

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 90)
    public void refuseMalformedContentType(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return;
        }
        if (!wellFormed(contentType)) {
            throw OAuthException.invalidRequest("The Content-Type header is not a media type (type/subtype)");
        }
    }

    static boolean wellFormed(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType.trim());
            return !type.getType().isEmpty() && !type.getSubtype().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
