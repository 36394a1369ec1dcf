package org.gatehouse.registration.remote;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** authorization-service's internal session API; only {@link AuthorizationGateway} calls it. */
@RegisterRestClient(configKey = "authorization")
@Path("/internal/sessions")
@Produces(MediaType.APPLICATION_JSON)
interface AuthorizationRestClient {

    /** The header carrying the browser's raw {@code gatehouse_session} cookie value. */
    String SESSION_HEADER = "X-Session";

    @GET
    @Path("/current")
    SessionUser current(@HeaderParam(SESSION_HEADER) String sessionId,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String serviceAuthorization);
}
