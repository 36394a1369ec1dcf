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
 * https://www.rfc-editor.org/rfc/rfc7636#section-4.6): the {@code code_verifier} must be well formed, and what it
 * hashes to (S256, the only method discovery lists) is what authorization-service compares with the
 * {@code code_challenge} bound to the code, before the code is used up: a request without the right verifier must
 * not burn the code. Every failure is {@code invalid_grant} (RFC 7636 §4.6).
 */
public final class PkceVerifier {

    /** RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private PkceVerifier() {
    }

    /**
     * The S256 challenge the verifier proves, for the code's binding to be compared with; null when none was sent.
     *
     * @param codeVerifier code_verifier (REQUIRED when a challenge was sent), null when absent
     */
    public static String challengeOf(String codeVerifier) {
        if (codeVerifier == null) {
            return null;
        }
        if (!VERIFIER.matcher(codeVerifier).matches()) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "code_verifier must be 43 to 128 unreserved characters");
        }
        return s256(codeVerifier);
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
}
