package org.gatehouse.registration.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.InternalApiFilter;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.registration.client.ClientDirectory;
import org.gatehouse.registration.client.RegisteredClient;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /internal/clients/{client_id}}: what a sibling (token-service, authorization-service) needs to
 * authenticate a client and check its requests. Reached only by those two, with a service JWT naming this service as
 * audience (platform-common's {@code InternalApiFilter}); never routed by the ingress. A {@code client_secret_jwt}
 * client's secret goes to token-service only. resource-service reads only a client's UserInfo preferences.
 */
@InternalApi(callers = {ServiceNames.TOKEN, ServiceNames.AUTHORIZATION})
@Path("/internal/clients")
@Produces(MediaType.APPLICATION_JSON)
public class ClientLookupResource {

    private final ClientDirectory directory;

    public ClientLookupResource(ClientDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Path("/{client_id}")
    public Response lookup(@PathParam("client_id") String clientId, @Context ContainerRequestContext request) {
        // Only token-service verifies client_secret_jwt assertions: no other caller sees such a secret in clear.
        boolean withJwtSecret = ServiceNames.TOKEN.equals(request.getProperty(InternalApiFilter.CALLER));
        ClientLookupResponse client = directory.findWithSecretHashes(clientId, withJwtSecret)
                .map(ClientLookupResponse::of)
                .orElseThrow(() -> new OAuthException(OAuthError.NOT_FOUND, "No client is registered with this client_id"));
        // Secret hashes are not secrets, but nothing in between has a reason to keep them.
        return Response.ok(client).header("Cache-Control", "no-store").build();
    }

    /**
     * {@code GET /internal/clients/{client_id}/userinfo}: how the client wants its UserInfo answers, for the resource
     * server, which may read nothing else of a client (none of its secrets or hashes).
     */
    @GET
    @Path("/{client_id}/userinfo")
    @InternalApi(callers = ServiceNames.RESOURCE)
    public Response userInfoPreferences(@PathParam("client_id") String clientId) {
        RegisteredClient client = directory.findCached(clientId)
                .orElseThrow(() -> new OAuthException(OAuthError.NOT_FOUND, "No client is registered with this client_id"));
        Map<String, String> preferences = new HashMap<>();
        preferences.put("client_id", client.clientId());
        preferences.put("userinfo_signed_response_alg", client.userinfoSignedResponseAlg());
        return Response.ok(preferences).header("Cache-Control", "no-store").build();
    }
}
