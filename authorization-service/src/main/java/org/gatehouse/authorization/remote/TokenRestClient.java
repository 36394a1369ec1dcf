package org.gatehouse.authorization.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-service's internal API; only {@link TokenGateway} calls it. */
@RegisterRestClient(configKey = "token")
@Path("/internal")
interface TokenRestClient {

    @POST
    @Path("/revocations")
    @Consumes(MediaType.APPLICATION_JSON)
    void revoke(Revocation revocation, @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    record Revocation(@JsonProperty("user_id") String userId, @JsonProperty("client_id") String clientId) {
    }
}
