package org.gatehouse.token.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.token.issue.UserInfoSigner;

import java.util.Map;

/**
 * {@code POST /internal/userinfo-signatures} {@code {"client_id","alg","claims":{...}}} → {@code application/jwt}:
 * resource-service's UserInfo answer signed for a client that registered {@code userinfo_signed_response_alg}. Only
 * resource-service may ask: signing keys stay here.
 */
@InternalApi(callers = ServiceNames.RESOURCE)
@Path("/internal/userinfo-signatures")
public class UserInfoSignatureResource {

    static final String APPLICATION_JWT = "application/jwt";

    private final UserInfoSigner signer;

    public UserInfoSignatureResource(UserInfoSigner signer) {
        this.signer = signer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({APPLICATION_JWT, MediaType.APPLICATION_JSON})
    public Response sign(Request request) {
        if (request == null || request.clientId() == null || request.clientId().isBlank()) {
            throw OAuthException.invalidRequest("client_id is required");
        }
        if (request.claims() == null || !(request.claims().get("sub") instanceof String)) {
            throw OAuthException.invalidRequest("claims with a sub are required");
        }
        if (!signer.supports(request.alg())) {
            throw OAuthException.invalidRequest("alg must be an algorithm UserInfo is signed with here");
        }
        return Response.ok(signer.sign(request.clientId(), request.alg(), request.claims()), APPLICATION_JWT)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** What to sign, and for whom. */
    public record Request(@JsonProperty("client_id") String clientId, @JsonProperty("alg") String alg,
                          @JsonProperty("claims") Map<String, Object> claims) {
    }
}
