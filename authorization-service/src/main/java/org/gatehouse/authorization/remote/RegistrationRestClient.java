package org.gatehouse.authorization.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registration-service's internal API; only {@link RegistrationGateway} calls it. */
@RegisterRestClient(configKey = "registration")
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
interface RegistrationRestClient {

    @GET
    @Path("/clients/{clientId}")
    RegisteredClient client(@PathParam("clientId") String clientId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    @POST
    @Path("/accounts/authenticate")
    @Consumes(MediaType.APPLICATION_JSON)
    Account authenticate(Credentials credentials,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    @GET
    @Path("/accounts/{id}")
    Account account(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    @PUT
    @Path("/accounts/{id}/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    Account changeProfile(@PathParam("id") String id, ProfileClaims claims,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);

    /** The sign-in's user name and password, and the client IP registration-service counts attempts under. */
    record Credentials(@JsonProperty("username") String username, @JsonProperty("password") String password,
                       @JsonProperty("client_ip") String clientIp) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***, client_ip=" + clientIp + "]";
        }
    }
}
