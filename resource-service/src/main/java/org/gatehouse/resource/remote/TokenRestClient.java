package org.gatehouse.resource.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** token-service's internal UserInfo signing: the signing keys never leave token-service. */
@RegisterRestClient(configKey = "token")
@Path("/internal/userinfo-signatures")
interface TokenRestClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(TokenGateway.APPLICATION_JWT)
    String sign(@HeaderParam("Authorization") String serviceToken, Signing request);

    /** The claims to sign for {@code clientId} with {@code alg}. */
    record Signing(@JsonProperty("client_id") String clientId, @JsonProperty("alg") String alg,
                   @JsonProperty("claims") Map<String, Object> claims) {
    }
}
