package org.gatehouse.authorization.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.bearer.FirstPartyUsers;
import org.gatehouse.authorization.consent.AuthorizedApps;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.List;

/**
 * {@code /api/v1/authorizations}: the apps the user authorized (OAuth consents and third-party grants) and their
 * revocation, for the user's own first-party bearer token only. Revoking ends the consent or grant and asks
 * token-service to revoke the app's tokens (RFC 7009 spirit).
 */
@Path("/api/v1/authorizations")
@Produces(MediaType.APPLICATION_JSON)
public class AuthorizationResource {

    private static final int MAX_CLIENT_ID_LENGTH = 255;

    private final FirstPartyUsers users;
    private final AuthorizedApps apps;

    public AuthorizationResource(FirstPartyUsers users, AuthorizedApps apps) {
        this.users = users;
        this.apps = apps;
    }

    @GET
    public List<AuthorizationJson> list() {
        return apps.listFor(users.requireUser()).stream().map(AuthorizationJson::of).toList();
    }

    /** 204 when something was revoked, 404 when the user had not authorized the app. */
    @DELETE
    @Path("/{clientId}")
    public Response revoke(@PathParam("clientId") String clientId) {
        String userId = users.requireUser();
        if (clientId.isBlank() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
            throw notFound();
        }
        if (!apps.revoke(userId, clientId).found()) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    private static OAuthException notFound() {
        return new OAuthException(OAuthError.NOT_FOUND, "You have not authorized this app");
    }

    /**
     * One authorized app. {@code type} is {@code oauth} (with the consented {@code scopes}) or {@code third_party}
     * (with the profile's current {@code permissions}, {@code profile_id} and {@code profile_name}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthorizationJson(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_name") String clientName,
            @JsonProperty("type") String type,
            @JsonProperty("scopes") List<String> scopes,
            @JsonProperty("permissions") List<String> permissions,
            @JsonProperty("profile_id") String profileId,
            @JsonProperty("profile_name") String profileName,
            @JsonProperty("granted_at") String grantedAt) {

        static AuthorizationJson of(AuthorizedApps.AuthorizedApp app) {
            boolean oauth = app.kind() == AuthorizedApps.Kind.OAUTH;
            return new AuthorizationJson(app.clientId(), app.name(), oauth ? "oauth" : "third_party",
                    oauth ? app.permissions() : null, oauth ? null : app.permissions(),
                    app.profileId() == null ? null : app.profileId().toString(), app.profileName(),
                    app.grantedAt().toString());
        }
    }
}
