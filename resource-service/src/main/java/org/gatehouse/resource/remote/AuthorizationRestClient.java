package org.gatehouse.resource.remote;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** authorization-service's internal grant lookup (contract: GET /internal/grants?client_id=&user_id=). */
@RegisterRestClient(configKey = "authorization")
@Path("/internal/grants")
interface AuthorizationRestClient {

    @GET
    AppGrant grant(@HeaderParam("Authorization") String serviceToken,
                   @QueryParam("client_id") String clientId, @QueryParam("user_id") String userId);
}
