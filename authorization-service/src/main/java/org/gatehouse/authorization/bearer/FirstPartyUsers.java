package org.gatehouse.authorization.bearer;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.UUID;

/**
 * The caller of a user-settings API (exposure profiles, authorizations): a verified first-party access token, one
 * whose {@code client_id} is the platform's own ({@link Permissions#FIRST_PARTY_CLIENT_ID}). A token an app
 * obtained through OAuth acts for the same user but must not change what that user lets apps do, so it gets 403.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
@ApplicationScoped
public class FirstPartyUsers {

    private final SecurityIdentity identity;

    public FirstPartyUsers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user id (the token's {@code sub}); 401 invalid_token without a valid token, 403 for an app's token. */
    public String requireUser() {
        // Reading the identity authenticates lazily (proactive auth is off); a bad token fails here with 401.
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw OAuthException.invalidToken("A bearer access token is required");
        }
        Object clientId = token.getClaim("client_id");
        if (clientId == null || !Permissions.FIRST_PARTY_CLIENT_ID.equals(clientId.toString())) {
            throw new OAuthException(OAuthError.ACCESS_DENIED,
                    "Only the user's own first-party token may manage these settings");
        }
        String subject = token.getSubject();
        try {
            if (subject == null || subject.length() != 36) {
                throw new IllegalArgumentException("not a UUID");
            }
            UUID.fromString(subject);
            return subject;
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidToken("The token's subject is not a user of this platform");
        }
    }
}
