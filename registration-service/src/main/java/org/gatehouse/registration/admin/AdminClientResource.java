package org.gatehouse.registration.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.endpoint.ClientRegistrationRequest;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The admin API for clients, {@code /admin/api/v1/clients} (ARCHITECTURE.md "Operator plane"): a bearer access
 * token with {@code admin:read} to read, {@code admin:write} to change; 401 without a valid token, 403
 * {@code insufficient_scope} without the scope. Answers are never cached (a new secret is in one of them).
 */
@Path("/admin/api/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AdminClientResource {

    private final AdminCaller caller;
    private final ClientAdministration administration;
    private final ObjectMapper json;

    public AdminClientResource(AdminCaller caller, ClientAdministration administration, ObjectMapper json) {
        this.caller = caller;
        this.administration = administration;
        this.json = json;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        caller.require(AdminCaller.READ);
        ClientAdministration.Page page = administration.list(q, limit, cursor);
        Map<String, Object> body = new HashMap<>();
        body.put("items", page.items());
        body.put("next_cursor", page.nextCursor());
        return noStore(Response.ok(body));
    }

    @GET
    @Path("/{client_id}")
    public Response get(@PathParam("client_id") String clientId) {
        caller.require(AdminCaller.READ);
        return noStore(Response.ok(administration.get(clientId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ClientRegistrationRequest body) {
        caller.require(AdminCaller.WRITE);
        if (body == null) {
            throw OAuthException.invalidRequest("The body must be a JSON object of RFC 7591 client metadata");
        }
        return noStore(Response.status(201).entity(administration.create(body.toMetadata(), caller.actor())));
    }

    @PATCH
    @Path("/{client_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("client_id") String clientId, JsonNode body) throws IOException {
        caller.require(AdminCaller.WRITE);
        if (body == null || !body.isObject()) {
            throw OAuthException.invalidRequest("The body must be a JSON object");
        }
        // A member this endpoint cannot change is refused (400 from the JSON error mapper), never silently ignored.
        AdminClientPatch patch = json.readerFor(AdminClientPatch.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(body);
        if (Boolean.TRUE.equals(patch.disabled())) {
            caller.refuseSelfLockOut(clientId, "disable");
        }
        return noStore(Response.ok(administration.update(clientId, patch, caller.actor())));
    }

    @DELETE
    @Path("/{client_id}")
    public Response delete(@PathParam("client_id") String clientId) {
        caller.require(AdminCaller.WRITE);
        caller.refuseSelfLockOut(clientId, "delete");
        administration.delete(clientId, caller.actor());
        return Response.noContent().build();
    }

    @POST
    @Path("/{client_id}/secret")
    public Response rotateSecret(@PathParam("client_id") String clientId) {
        caller.require(AdminCaller.WRITE);
        String secret = administration.rotateSecret(clientId, caller.actor());
        return noStore(Response.ok(Map.of("client_secret", secret)));
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").build();
    }
}
