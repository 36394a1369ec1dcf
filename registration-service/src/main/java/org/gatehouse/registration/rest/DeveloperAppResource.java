package org.gatehouse.registration.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.accesstoken.FirstPartyUsers;
import org.gatehouse.registration.developer.DeveloperAppRequest;
import org.gatehouse.registration.developer.DeveloperApps;
import org.gatehouse.registration.developer.IssuedApp;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/developer/apps}: a user's third-party apps as JSON, for the user's own first-party bearer token only
 * (from {@code /authenticate} or the platform's login); an app's OAuth token gets 403 {@code access_denied}, a
 * missing or bad token 401 {@code invalid_token}. The API key appears in exactly two answers, registration and
 * rotation; another user's app is 404, as if it did not exist.
 */
@Path("/api/v1/developer/apps")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DeveloperAppResource {

    private final JsonWebToken accessToken;
    private final FirstPartyUsers users;
    private final DeveloperApps apps;
    private final String publicUrl;

    public DeveloperAppResource(JsonWebToken accessToken, FirstPartyUsers users, DeveloperApps apps,
                                GatehouseConfig config) {
        this.accessToken = accessToken;
        this.users = users;
        this.apps = apps;
        this.publicUrl = config.publicUrl();
    }

    @GET
    public Response list() {
        List<DeveloperAppJson.App> list = apps.list(user()).stream().map(DeveloperAppJson.App::of).toList();
        return Response.ok(list).header("Cache-Control", "no-store").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(DeveloperAppJson.Input input) {
        UUID owner = user();
        DeveloperAppJson.Input body = input == null ? DeveloperAppJson.Input.EMPTY : input;
        IssuedApp issued = apps.register(owner,
                new DeveloperAppRequest(body.name(), body.redirectUris(), body.requestedPermissions()));
        // Absolute under the public origin: behind the edge, the request URI is the backend's, not the client's.
        return Response.created(URI.create(publicUrl + "/api/v1/developer/apps/" + issued.app().clientId()))
                .entity(DeveloperAppJson.Created.of(issued))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/{client_id}")
    public Response get(@PathParam("client_id") String clientId) {
        DeveloperAppJson.App app = apps.find(user(), clientId).map(DeveloperAppJson.App::of)
                .orElseThrow(DeveloperAppResource::notFound);
        return Response.ok(app).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{client_id}/api-key")
    public Response rotateKey(@PathParam("client_id") String clientId) {
        IssuedApp issued = apps.rotateKey(user(), clientId).orElseThrow(DeveloperAppResource::notFound);
        return Response.ok(new DeveloperAppJson.RotatedKey(issued.apiKey()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("/{client_id}")
    public Response delete(@PathParam("client_id") String clientId) {
        if (!apps.delete(user(), clientId)) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    private UUID user() {
        return users.requireUser(accessToken);
    }

    private static OAuthException notFound() {
        return new OAuthException(OAuthError.NOT_FOUND, "You have no app with this client_id");
    }
}
