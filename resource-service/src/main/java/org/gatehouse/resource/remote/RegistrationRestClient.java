package org.gatehouse.resource.remote;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registration-service's internal account, client and API-key lookups. */
@RegisterRestClient(configKey = "registration")
@Path("/internal")
interface RegistrationRestClient {

    @GET
    @Path("/accounts/{id}")
    Account account(@HeaderParam("Authorization") String serviceToken, @PathParam("id") String id);

    @GET
    @Path("/clients/{clientId}/userinfo")
    ClientPreferences client(@HeaderParam("Authorization") String serviceToken,
                             @PathParam("clientId") String clientId);

    @GET
    @Path("/api-keys/{keyId}")
    ApiKeyRecord apiKey(@HeaderParam("Authorization") String serviceToken, @PathParam("keyId") String keyId);
}
