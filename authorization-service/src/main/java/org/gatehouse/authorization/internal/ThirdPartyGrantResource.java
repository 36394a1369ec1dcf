package org.gatehouse.authorization.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.thirdparty.ThirdPartyGrants;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.List;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;

/**
 * {@code GET /internal/grants?client_id=&user_id=}: what a user lets a third-party app use, for resource-service's
 * API-key path (effective permissions = the app's requested permissions ∩ these). The permissions are the
 * profile's current ones, so an edit applies on the caller's next cache refresh. Guarded by platform-common's
 * service-token filter like every {@code /internal} path.
 */
@InternalApi(callers = {ServiceNames.RESOURCE})
@Path("/internal/grants")
@Produces(MediaType.APPLICATION_JSON)
public class ThirdPartyGrantResource {

    private static final int MAX_PARAMETER_LENGTH = 255;

    private final ThirdPartyGrants grants;

    public ThirdPartyGrantResource(ThirdPartyGrants grants) {
        this.grants = grants;
    }

    @GET
    public Response find(@QueryParam("client_id") String clientId, @QueryParam("user_id") String userId) {
        require("client_id", clientId);
        require("user_id", userId);
        GrantJson grant = grants.findActive(userId, clientId)
                .map(g -> new GrantJson(g.clientId(), g.userId(), g.profileId().toString(), g.permissions()))
                .orElseThrow(() -> new OAuthException(OAuthError.NOT_FOUND,
                        "The user has not authorized this app"));
        return Response.ok(grant).header("Cache-Control", "no-store").build();
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_PARAMETER_LENGTH) {
            throw OAuthException.invalidRequest(name + " is required");
        }
    }

    public record GrantJson(@JsonProperty("client_id") String clientId, @JsonProperty("user_id") String userId,
                            @JsonProperty("profile_id") String profileId,
                            @JsonProperty("permissions") List<String> permissions) {
    }
}
