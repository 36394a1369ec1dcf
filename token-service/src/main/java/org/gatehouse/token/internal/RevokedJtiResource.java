package org.gatehouse.token.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.token.revocation.RevokedJtiFeed;

/**
 * {@code GET /internal/revoked-jtis?since=<epoch ms>} → {@code {"jtis":[{"jti","exp"}],"now":<epoch ms>}}: the
 * denylist feed resource servers poll every ~2 s so a revoked token is refused within 5 s. {@code since} defaults
 * to 0 (everything still unexpired).
 */
@InternalApi(callers = {ServiceNames.REGISTRATION, ServiceNames.AUTHORIZATION, ServiceNames.RESOURCE})
@Path("/internal/revoked-jtis")
@Produces(MediaType.APPLICATION_JSON)
public class RevokedJtiResource {

    private final RevokedJtiFeed feed;

    public RevokedJtiResource(RevokedJtiFeed feed) {
        this.feed = feed;
    }

    @GET
    public Response revokedSince(@QueryParam("since") String since) {
        return Response.ok(feed.since(parse(since)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static long parse(String since) {
        if (since == null || since.isEmpty()) {
            return 0;
        }
        try {
            long millis = Long.parseLong(since);
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // Refused below like a negative value.
        }
        throw OAuthException.invalidRequest("since must be epoch milliseconds");
    }
}
