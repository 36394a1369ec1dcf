package org.gatehouse.token.issue;

import java.util.Set;

/**
 * The tokens of one issuance: an access token and, when the grant allows one, a refresh token (the raw value,
 * shown to the client once and never stored).
 *
 * @param grantedScopes the scopes of the access token, in grant order
 */
public record IssuedTokens(AccessToken accessToken, String refreshToken, Set<String> grantedScopes) {

    @Override
    public String toString() {
        return "IssuedTokens[" + accessToken + ", refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
    }
}
