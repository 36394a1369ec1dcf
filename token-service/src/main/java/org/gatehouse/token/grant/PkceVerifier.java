package org.gatehouse.token.grant;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange, the token endpoint's half (RFC 7636 §4.5–4.6,
 * https://www.rfc-editor.org/rfc/rfc7636#section-4.6): the {@code code_verifier} must hash (S256) to the
 * {@code code_challenge} the authorization request bound to the code. Only S256 is supported, as discovery says;
 * a verifier sent for a code that had no challenge is refused too, so PKCE cannot be half-used (OAuth 2.1 §4.1.3).
 * Every failure is {@code invalid_grant} (RFC 7636 §4.6).
 */
public final class PkceVerifier {

    static final String S256 = "S256";
    /** RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private PkceVerifier() {
    }

    /**
     * @param codeChallenge       bound to the code; null when the authorization request sent none
     * @param codeChallengeMethod bound to the code
     * @param codeVerifier        code_verifier (REQUIRED when a challenge was sent), null when absent
     * @param required            the client is public: PKCE stands in for its missing secret
     */
    public static void verify(String codeChallenge, String codeChallengeMethod, String codeVerifier,
                              boolean required) {
        if (codeChallenge == null) {
            if (codeVerifier != null) {
                throw invalidGrant("code_verifier was sent but the authorization request had no code_challenge");
            }
            if (required) {
                throw invalidGrant("Public clients must use PKCE");
            }
            return;
        }
        if (!S256.equals(codeChallengeMethod)) {
            // RFC 7636 §4.3: an absent method means "plain", which this server never accepted.
            throw invalidGrant("The code_challenge_method of the code is not supported");
        }
        if (codeVerifier == null) {
            throw invalidGrant("code_verifier is required");
        }
        if (!VERIFIER.matcher(codeVerifier).matches()) {
            throw invalidGrant("code_verifier must be 43 to 128 unreserved characters");
        }
        byte[] computed = s256(codeVerifier).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(computed, codeChallenge.getBytes(StandardCharsets.US_ASCII))) {
            throw invalidGrant("code_verifier does not match the code_challenge");
        }
    }

    /** RFC 7636 §4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
    static String s256(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
