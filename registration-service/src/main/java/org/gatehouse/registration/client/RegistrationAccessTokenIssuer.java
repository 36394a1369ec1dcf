package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Issues RFC 7592 registration access tokens and checks them. A token is 32 bytes from {@link SecureRandom}
 * (256 bits), base64url without padding, handed to the client once in the registration response; the service keeps
 * only its SHA-256, in the same form as client secrets, and checks it with {@link ClientSecretIssuer#matches}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
@ApplicationScoped
public class RegistrationAccessTokenIssuer {

    static final int TOKEN_BYTES = 32;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    /** A new token; the raw value exists only in the returned object. */
    public IssuedToken issue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = BASE64URL.encodeToString(bytes);
        return new IssuedToken(token, ClientSecretIssuer.hash(token));
    }

    /** A freshly issued token and its hash. {@link #toString()} never reveals the token. */
    public record IssuedToken(String token, String hash) {
        @Override
        public String toString() {
            return "IssuedToken[token=<redacted>, hash=" + hash + "]";
        }
    }
}
