package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** authorization-service's internal code and consent API; only {@link AuthorizationGateway} calls it. */
@RegisterRestClient(configKey = "authorization")
@Path("/internal")
interface AuthorizationRestClient {

    @POST
    @Path("/authorization-codes/redeem")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    RedeemedCode redeem(RedemptionRequest request,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    /** 200 while the user's consent to the client stands, 404 once it is gone. */
    @GET
    @Path("/consents")
    @Produces(MediaType.APPLICATION_JSON)
    LiveConsent consent(@QueryParam("user_id") String userId, @QueryParam("client_id") String clientId,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record LiveConsent(@JsonProperty("client_id") String clientId, @JsonProperty("user_id") String userId) {
    }

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
