package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** authorization-service's internal code API; only {@link AuthorizationGateway} calls it. */
@RegisterRestClient(configKey = "authorization")
@Path("/internal/authorization-codes")
interface AuthorizationRestClient {

    @POST
    @Path("/redeem")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    RedeemedCode redeem(RedemptionRequest request,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    /** See {@link CodeRedemption.Request}; {@code code_challenge} is the one computed from the code_verifier. */
    record RedemptionRequest(@JsonProperty("code") String code,
                             @JsonProperty("client_id") String clientId,
                             @JsonProperty("redirect_uri") String redirectUri,
                             @JsonProperty("code_challenge") String codeChallenge,
                             @JsonProperty("pkce_required") boolean pkceRequired) {

        static RedemptionRequest of(CodeRedemption.Request request) {
            return new RedemptionRequest(request.code(), request.clientId(), request.redirectUri(),
                    request.codeChallenge(), request.pkceRequired());
        }

        @Override
        public String toString() {
            return "RedemptionRequest[code=***, clientId=" + clientId + "]";
        }
    }
}
