package org.gatehouse.token.remote;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registration-service's internal client API; only {@link RegistrationGateway} calls it. */
@RegisterRestClient(configKey = "registration")
@Path("/internal/clients")
interface RegistrationRestClient {

    @GET
    @Path("/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    RegisteredClient client(@PathParam("clientId") String clientId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);
}
