package org.gatehouse.authorization.code;

import org.gatehouse.authorization.remote.RegisteredClient;
import org.gatehouse.common.permission.Permissions;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An authorization request that passed every check of {@link AuthorizationRequestValidator}: the client exists,
 * the redirect URI is one it registered and the scopes are its own.
 *
 * @param redirectUri          where the response goes (the requested URI, or the single registered one)
 * @param redirectUriInRequest whether the request named it; RFC 6749 §4.1.3 then requires it at the token endpoint
 * @param scopes               the scopes requested, or the client's registered ones when none were
 * @param prompt               OpenID Connect Core §3.1.2.1 {@code prompt} values
 * @param maxAge               OpenID Connect Core §3.1.2.1 {@code max_age}, or null
 * @param loginAfter           {@link AuthorizationRequest#LOGIN_AFTER}, or null
 * @param claims               OpenID Connect Core §5.5 {@code claims}, {@link ClaimsRequest#NONE} when not sent
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
        Set<String> prompt,
        Long maxAge,
        Instant loginAfter,
        ClaimsRequest claims) {

    /** {@code prompt} values asking for a new sign-in; {@code select_account} too: the login form picks the account. */
    public static final Set<String> LOGIN_PROMPTS = Set.of("login", "select_account");

    /**
     * OpenID Connect Core §3.1.2.1: whether a session signed in at {@code authTime} is too old for this request, so
     * the user must sign in again ({@code prompt=login}, {@code max_age} elapsed).
     */
    public boolean demandsLoginAfter(Instant authTime, Instant now) {
        return prompt.stream().anyMatch(LOGIN_PROMPTS::contains)
                || (maxAge != null && authTime.plusSeconds(maxAge).isBefore(now))
                || (loginAfter != null && authTime.isBefore(loginAfter));
    }

    /** Whether the request carries any demand on the age of the sign-in. */
    public boolean limitsLoginAge() {
        return prompt.stream().anyMatch(LOGIN_PROMPTS::contains) || maxAge != null || loginAfter != null;
    }

    public String scope() {
        return Permissions.format(scopes);
    }

    /**
     * What the user consents to: the scopes, and the scope of each claim requested by name (a {@code claims} request
     * for {@code name} is consented to as {@code profile}), so naming a claim never releases more than the consent
     * page showed.
     */
    public Set<String> consentScopes() {
        Set<String> consent = new LinkedHashSet<>(scopes);
        consent.addAll(claims.scopes());
        return consent;
    }

    public boolean isOutOfBand() {
        return RedirectUriMatcher.OUT_OF_BAND.equals(redirectUri);
    }
}
