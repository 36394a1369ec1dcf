package org.gatehouse.registration.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.registration.client.ClientDirectory;

import java.util.Map;

/**
 * Who calls the admin API and whether they may: a verified access token (quarkus-oidc, revocation checked by
 * platform-common's augmentor) whose client still exists and is not disabled, granting {@code admin:read} for reads
 * or {@code admin:write} for changes ({@code admin} grants both). Only operator-designated clients can hold these.
 */
@RequestScoped
public class AdminCaller {

    public static final String READ = "admin:read";
    public static final String WRITE = "admin:write";

    private final JsonWebToken token;
    private final ClientDirectory directory;

    public AdminCaller(JsonWebToken token, ClientDirectory directory) {
        this.token = token;
        this.directory = directory;
    }

    /** @throws OAuthException 401 {@code invalid_token} for a token of an unknown or disabled client; 403 without the scope */
    public void require(String scope) {
        String clientId = claim("client_id");
        if (directory.findCached(clientId).isEmpty()) {
            throw OAuthException.invalidToken("The access token was issued to an unknown or disabled client");
        }
        if (!Permissions.expand(Permissions.parse(claim("scope"))).contains(scope)) {
            throw new OAuthException(OAuthError.INSUFFICIENT_SCOPE, 403, "This call needs the scope " + scope,
                    Map.of("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\""
                            + scope + "\""));
        }
    }

    /**
     * Refuses a change that would leave the caller unable to call this API again (disabling or deleting its own
     * client): with a single admin client nobody could undo it, as the bootstrap never overwrites a client.
     *
     * @throws OAuthException 409 {@code conflict} when {@code clientId} is the calling client
     */
    public void refuseSelfLockOut(String clientId, String change) {
        if (clientId != null && clientId.equals(claim("client_id"))) {
            throw new OAuthException(OAuthError.CONFLICT, 409, "An admin client cannot " + change
                    + " itself; use another admin client");
        }
    }

    /** The audit fields naming the operator: the token's subject and client. */
    public Map<String, String> actor() {
        String subject = token.getSubject();
        String clientId = claim("client_id");
        return Map.of("actor", subject == null ? "" : subject, "actor_client_id", clientId == null ? "" : clientId);
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String string ? string : null;
    }
}
