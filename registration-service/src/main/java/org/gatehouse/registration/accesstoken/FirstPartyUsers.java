package org.gatehouse.registration.accesstoken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.registration.account.AccountDirectory;

import java.util.UUID;

/**
 * The caller of a user-settings API (the developer apps API): a verified first-party access token, one whose
 * {@code client_id} is the platform's own ({@link Permissions#FIRST_PARTY_CLIENT_ID}) and whose {@code sub} is an
 * existing account. A token an app obtained through OAuth acts for the same user but must not register apps or see
 * API keys in the user's name, so it gets 403 {@code access_denied}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
@ApplicationScoped
public class FirstPartyUsers {

    private final AccountDirectory accounts;

    public FirstPartyUsers(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** The account id of the token's user; 403 for an app's token, 401 for a token naming no account. */
    public UUID requireUser(JsonWebToken token) {
        if (token == null || token.getRawToken() == null) {
            throw OAuthException.invalidToken("A bearer access token is required");
        }
        if (!Permissions.FIRST_PARTY_CLIENT_ID.equals(claim(token, "client_id"))) {
            throw new OAuthException(OAuthError.ACCESS_DENIED,
                    "Only the user's own first-party token may manage developer apps");
        }
        return AccountDirectory.parse(token.getSubject())
                .filter(id -> accounts.find(id).isPresent())
                .orElseThrow(() -> OAuthException.invalidToken("The token's subject is not a user of this platform"));
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String string ? string : null;
    }
}
