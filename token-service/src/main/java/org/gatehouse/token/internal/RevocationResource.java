package org.gatehouse.token.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.token.revocation.FamilyRevoker;

/**
 * {@code POST /internal/revocations {user_id, client_id}} → 204: authorization-service calls it when a user revokes
 * an app; every token family of that user and client is revoked and their live access tokens denylisted. Guarded by
 * platform-common's service-token filter like every {@code /internal} path.
 */
@InternalApi(callers = {ServiceNames.AUTHORIZATION})
@Path("/internal/revocations")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationResource {

    private static final int MAX_ID_LENGTH = 255;

    private final FamilyRevoker revoker;

    public RevocationResource(FamilyRevoker revoker) {
        this.revoker = revoker;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revoke(Revocation revocation) {
        if (revocation == null || !valid(revocation.userId()) || !valid(revocation.clientId())) {
            throw OAuthException.invalidRequest("user_id and client_id are required");
        }
        revoker.revokeFamiliesOf(revocation.userId(), revocation.clientId());
        return Response.noContent().build();
    }

    private static boolean valid(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }

    public record Revocation(@JsonProperty("user_id") String userId, @JsonProperty("client_id") String clientId) {
    }
}
