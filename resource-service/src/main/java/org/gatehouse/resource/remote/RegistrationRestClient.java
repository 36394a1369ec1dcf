package org.gatehouse.resource.remote;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registration-service's internal account API (contract: GET /internal/accounts/{id}). */
@RegisterRestClient(configKey = "registration")
@Path("/internal/accounts")
interface RegistrationRestClient {

    @GET
    @Path("/{id}")
    Account account(@HeaderParam("Authorization") String serviceToken, @PathParam("id") String id);
}
