package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registration-service's internal client and account APIs; only {@link RegistrationGateway} calls them. */
@RegisterRestClient(configKey = "registration")
@Path("/internal")
interface RegistrationRestClient {

    @GET
    @Path("/clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    RegisteredClient client(@PathParam("clientId") String clientId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    @POST
    @Path("/accounts/authenticate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Account authenticate(AccountCredentials credentials,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    /**
     * The contract's {@code {"user_key","password"}} form of the request, with the {@code client_ip} registration-service
     * counts failed attempts under.
     */
    record AccountCredentials(@JsonProperty("user_key") String userKey, @JsonProperty("password") String password,
                              @JsonProperty("client_ip") String clientIp) {
        @Override
        public String toString() {
            return "AccountCredentials[userKey=" + userKey + ", password=***, client_ip=" + clientIp + "]";
        }
    }
}
