package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates client secrets (RFC 6749 §2.3.1 {@code client_secret}) and the only form in which they are stored.
 * A secret is 32 bytes from {@link SecureRandom} (256 bits), base64url without padding (43 characters); it is
 * stored as the base64url (no padding) SHA-256 of its UTF-8 bytes. A fast hash is enough because the secret
 * has full entropy: there is nothing to brute-force that a slow hash would protect.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
@ApplicationScoped
public class ClientSecretIssuer {

    static final int SECRET_BYTES = 32;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Stands in for a missing hash, so that a check against nothing costs a real comparison. */
    private static final String NO_HASH = hash("no stored hash");

    private final SecureRandom random = new SecureRandom();

    /** A new secret; the raw value exists only in the returned object and must be shown to the client once. */
    public IssuedSecret issue() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = BASE64URL.encodeToString(bytes);
        return new IssuedSecret(secret, hash(secret));
    }

    /** The stored form of a secret: base64url (no padding) of SHA-256 over its UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Whether {@code presented} hashes to {@code storedHash}, the digests compared in constant time. A missing value
     * or hash gives false after the same work, so timing does not tell which was missing.
     */
    public static boolean matches(String presented, String storedHash) {
        String actual = hash(presented == null ? "" : presented);
        String expected = storedHash == null ? NO_HASH : storedHash;
        boolean equal = MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
        return equal && presented != null && storedHash != null;
    }

    /** A freshly issued secret and its hash. {@link #toString()} never reveals the secret. */
    public record IssuedSecret(String secret, String hash) {
        @Override
        public String toString() {
            return "IssuedSecret[secret=<redacted>, hash=" + hash + "]";
        }
    }
}
