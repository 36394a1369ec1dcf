package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides who may call {@code POST /oauth/register}. Open registration is the default (ARCHITECTURE.md
 * "Registration"); when {@code registration.dynamic.initial-access-token} is set, the request must carry it as a
 * Bearer token (RFC 7591 §3, RFC 6750 §2.1). Both values are hashed before a constant-time comparison, so neither
 * the time taken nor an early exit on length tells how much of a guess was right.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3 (initial access token)</a>
 */
@ApplicationScoped
public class InitialAccessTokenVerifier {

    private final Optional<byte[]> expectedDigest;

    public InitialAccessTokenVerifier(RegistrationConfig config) {
        this.expectedDigest = config.dynamic().initialAccessToken()
                .filter(token -> !token.isBlank())
                .map(InitialAccessTokenVerifier::digest);
    }

    public boolean registrationIsOpen() {
        return expectedDigest.isEmpty();
    }

    /**
     * @param presentedToken the Bearer token of the request, or {@code null} when it had none
     * @throws OAuthException 401 {@code invalid_token} (with a Bearer challenge) when a token is required and the
     *                        request lacks it or carries another
     */
    public void verify(String presentedToken) {
        if (expectedDigest.isEmpty()) {
            return;
        }
        byte[] presented = digest(presentedToken == null ? "" : presentedToken);
        if (!MessageDigest.isEqual(presented, expectedDigest.get()) || presentedToken == null) {
            throw OAuthException.invalidToken("Registration requires a valid initial access token");
        }
    }

    private static byte[] digest(String token) {
        return ClientSecretIssuer.hash(token).getBytes(StandardCharsets.US_ASCII);
    }
}
