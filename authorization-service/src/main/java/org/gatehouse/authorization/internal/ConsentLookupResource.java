package org.gatehouse.authorization.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.consent.ConsentService;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;

/**
 * {@code GET /internal/consents?client_id=&user_id=}: whether the user's consent to the client still stands, 200 with
 * its scopes or 404. token-service asks before it rotates a refresh token that came from an authorization code, so a
 * revoked consent stops the client's refreshes even when the revocation of its tokens has not reached token-service
 * yet (as Keycloak checks the user's consent on every refresh).
 */
@InternalApi(callers = {ServiceNames.TOKEN})
@Path("/internal/consents")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentLookupResource {

    private static final int MAX_PARAMETER_LENGTH = 255;

    private final ConsentService consents;

    public ConsentLookupResource(ConsentService consents) {
        this.consents = consents;
    }

    @GET
    public Response find(@QueryParam("client_id") String clientId, @QueryParam("user_id") String userId) {
        require("client_id", clientId);
        require("user_id", userId);
        ConsentJson consent = consents.findLive(userId, clientId)
                .map(c -> new ConsentJson(c.clientId(), userId, Permissions.format(c.scopes())))
                .orElseThrow(() -> new OAuthException(OAuthError.NOT_FOUND, "The user has not authorized this client"));
        return Response.ok(consent).header("Cache-Control", "no-store").build();
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_PARAMETER_LENGTH) {
            throw OAuthException.invalidRequest(name + " is required");
        }
    }

    public record ConsentJson(@JsonProperty("client_id") String clientId, @JsonProperty("user_id") String userId,
                              @JsonProperty("scope") String scope) {
    }
}
