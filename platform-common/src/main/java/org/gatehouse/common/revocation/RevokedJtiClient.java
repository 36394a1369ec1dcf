package org.gatehouse.common.revocation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-service's internal denylist feed (contract: GET /internal/revoked-jtis?since=). */
@RegisterRestClient(configKey = "token")
@Path("/internal/revoked-jtis")
public interface RevokedJtiClient {

    @GET
    RevokedJtis revokedSince(@HeaderParam("Authorization") String serviceToken, @QueryParam("since") long sinceMillis);
}
