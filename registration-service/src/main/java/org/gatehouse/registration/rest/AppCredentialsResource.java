package org.gatehouse.registration.rest;

import io.quarkus.security.Authenticated;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.registration.client.ClientDirectory;
import org.gatehouse.registration.client.RegisteredClient;

import java.util.List;

/**
 * {@code GET /api/v1/apps/verify_credentials}: tells a bearer of an access token (RFC 6750 §2.1) which app the
 * token was issued to. The token itself is verified by quarkus-oidc (signature from the token-service JWKS,
 * {@code iss}, {@code aud}, {@code exp}, {@code typ: at+jwt}) the first time it is seen, then served from
 * platform-common's verified-token cache; a valid token naming a client that no longer exists is as invalid as a
 * forged one. The client comes from {@link ClientDirectory#findCached}, so a repeated token costs no database
 * round trip: a deleted client is refused at once by this replica, within 5 s by the others.
 *
 * @see <a href="https://docs.joinmastodon.org/methods/apps/#verify_credentials">Mastodon API: verify_credentials</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
@Path("/api/v1/apps/verify_credentials")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AppCredentialsResource {

    private final JsonWebToken accessToken;
    private final ClientDirectory directory;

    public AppCredentialsResource(JsonWebToken accessToken, ClientDirectory directory) {
        this.accessToken = accessToken;
        this.directory = directory;
    }

    @GET
    public MastodonAppCredentials verifyCredentials() {
        RegisteredClient client = directory.findCached(claim("client_id"))
                .orElseThrow(() -> OAuthException.invalidToken("The access token was issued to an unknown client"));
        String scope = claim("scope");
        List<String> scopes = scope == null ? client.scopes() : List.copyOf(Permissions.parse(scope));
        return new MastodonAppCredentials(client.clientName(), client.website(), scopes);
    }

    private String claim(String name) {
        Object value = accessToken.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String string ? string : null;
    }
}
