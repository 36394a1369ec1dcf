package org.gatehouse.resource.remote;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-service's internal denylist feed (contract: GET /internal/revoked-jtis?since=). */
@RegisterRestClient(configKey = "token")
@Path("/internal/revoked-jtis")
interface TokenRestClient {

    @GET
    RevokedJtis revokedSince(@HeaderParam("Authorization") String serviceToken, @QueryParam("since") long sinceMillis);
}
