package org.gatehouse.authorization.code;

import org.gatehouse.authorization.remote.RegisteredClient;
import org.gatehouse.common.permission.Permissions;

import java.util.Set;

/**
 * An authorization request that passed every check of {@link AuthorizationRequestValidator}: the client exists,
 * the redirect URI is one it registered and the scopes are its own.
 *
 * @param redirectUri          where the response goes (the requested URI, or the single registered one)
 * @param redirectUriInRequest whether the request named it; RFC 6749 §4.1.3 then requires it at the token endpoint
 * @param scopes               the scopes requested, or the client's registered ones when none were
 * @param prompt               OpenID Connect Core §3.1.2.1 {@code prompt} values
 */
public record ValidatedAuthorizationRequest(
        AuthorizationRequest original,
        RegisteredClient client,
        String redirectUri,
        boolean redirectUriInRequest,
        Set<String> scopes,
        String state,
        String nonce,
        String codeChallenge,
        String codeChallengeMethod,
        Set<String> prompt) {

    public String scope() {
        return Permissions.format(scopes);
    }

    public boolean isOutOfBand() {
        return RedirectUriMatcher.OUT_OF_BAND.equals(redirectUri);
    }
}
