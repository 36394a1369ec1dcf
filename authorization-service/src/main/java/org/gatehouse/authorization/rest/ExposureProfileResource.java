package org.gatehouse.authorization.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.bearer.FirstPartyUsers;
import org.gatehouse.authorization.profile.ExposureProfiles;
import org.gatehouse.authorization.profile.Profile;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/exposure-profiles}: the user's exposure profiles as JSON {@code {id, name, permissions[]}}, for
 * the user's own first-party bearer token only (ARCHITECTURE.md "JSON APIs for users' own settings").
 */
@Path("/api/v1/exposure-profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ExposureProfileResource {

    private final FirstPartyUsers users;
    private final ExposureProfiles profiles;
    private final String publicUrl;

    public ExposureProfileResource(FirstPartyUsers users, ExposureProfiles profiles, GatehouseConfig config) {
        this.users = users;
        this.profiles = profiles;
        this.publicUrl = config.publicUrl();
    }

    @GET
    public List<ProfileJson> list() {
        return profiles.list(users.requireUser()).stream().map(ProfileJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ProfileJson input) {
        String userId = users.requireUser();
        ProfileJson body = requireBody(input);
        ProfileJson created = ProfileJson.of(profiles.create(userId, body.name(), body.permissions()));
        // Absolute under the public origin: behind the edge, the request URI is the backend's, not the client's.
        return Response.created(URI.create(publicUrl + "/api/v1/exposure-profiles/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    public ProfileJson get(@PathParam("id") String id) {
        String userId = users.requireUser();
        return profiles.find(userId, profileId(id)).map(ProfileJson::of).orElseThrow(ExposureProfileResource::notFound);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileJson replace(@PathParam("id") String id, ProfileJson input) {
        String userId = users.requireUser();
        UUID profileId = profileId(id);
        ProfileJson body = requireBody(input);
        return ProfileJson.of(profiles.update(userId, profileId, body.name(), body.permissions()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        String userId = users.requireUser();
        profiles.delete(userId, profileId(id));
        return Response.noContent().build();
    }

    private static UUID profileId(String id) {
        return ExposureProfiles.parseId(id).orElseThrow(ExposureProfileResource::notFound);
    }

    private static ProfileJson requireBody(ProfileJson input) {
        if (input == null) {
            throw OAuthException.invalidRequest("A JSON body {\"name\", \"permissions\"} is required");
        }
        return input;
    }

    private static OAuthException notFound() {
        return new OAuthException(OAuthError.NOT_FOUND, "No such exposure profile");
    }

    /** Request and response body; a request's {@code id} is ignored (the path names the profile). */
    public record ProfileJson(@JsonProperty("id") String id, @JsonProperty("name") String name,
                              @JsonProperty("permissions") List<String> permissions) {

        static ProfileJson of(Profile profile) {
            return new ProfileJson(profile.id().toString(), profile.name(), profile.permissions());
        }
    }
}
