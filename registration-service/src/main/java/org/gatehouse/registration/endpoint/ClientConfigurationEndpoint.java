package org.gatehouse.registration.endpoint;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.registration.client.ClientConfiguration;

/**
 * The client configuration endpoint, {@code /oauth/register/{client_id}} (RFC 7592 §2), reached with the
 * registration access token as a Bearer token: {@code GET} reads the registration, {@code PUT} replaces it (JSON),
 * {@code DELETE} removes the client (204). {@code POST /oauth/register/{client_id}/secret} rotates the client
 * secret, an extension in the same style (issue 4). Any token problem is 401 {@code invalid_token}, whether or not
 * the client exists.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-2">RFC 7592 §2</a>
 */
@Path("/oauth/register/{client_id}")
@Produces(MediaType.APPLICATION_JSON)
public class ClientConfigurationEndpoint {

    private final ClientConfiguration configuration;

    public ClientConfigurationEndpoint(ClientConfiguration configuration) {
        this.configuration = configuration;
    }

    @GET
    public Response read(@PathParam("client_id") String clientId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return noStore(Response.ok(ClientInformationResponse.of(
                configuration.read(clientId, BearerToken.from(authorization)))));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("client_id") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           ClientRegistrationRequest request) {
        ClientRegistrationRequest body = request == null ? ClientRegistrationRequest.EMPTY : request;
        return noStore(Response.ok(ClientInformationResponse.of(
                configuration.update(clientId, BearerToken.from(authorization), body.toUpdate()))));
    }

    @DELETE
    public Response delete(@PathParam("client_id") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        configuration.delete(clientId, BearerToken.from(authorization));
        return noStore(Response.noContent());
    }

    @POST
    @Path("/secret")
    public Response rotateSecret(@PathParam("client_id") String clientId,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String secret = configuration.rotateSecret(clientId, BearerToken.from(authorization));
        return noStore(Response.ok(new ClientSecretResponse(secret, 0)));
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
