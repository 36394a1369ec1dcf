package org.gatehouse.registration.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.config.RegistrationConfig;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Generates third-party API keys, {@code <prefix>_tp_<key id>.<secret>} (ARCHITECTURE.md flow 5):
 * <ul>
 *   <li>the prefix ({@code registration.api-key-prefix}, default {@code gh}) and {@code _tp_} make a leaked key
 *       recognisable to secret scanners;</li>
 *   <li>the key id, {@value #KEY_ID_LENGTH} random letters and digits (95 bits), is public and stable for the app:
 *       it is how a key is looked up, and it contains neither {@code _} nor {@code .}, so the key splits
 *       unambiguously;</li>
 *   <li>the secret is 32 bytes from {@link SecureRandom} (256 bits), base64url without padding, and is stored only
 *       as its SHA-256 (base64url), like client secrets: a full-entropy secret needs no slow hash.</li>
 * </ul>
 * Rotation draws a new secret under the same key id, so during an overlap the id names several valid hashes.
 */
@ApplicationScoped
public class ApiKeyIssuer {

    public static final String THIRD_PARTY_MARKER = "_tp_";
    static final int KEY_ID_LENGTH = 16;
    static final int SECRET_BYTES = 32;

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final String prefix;

    @Inject
    public ApiKeyIssuer(RegistrationConfig config) {
        this(config.apiKeyPrefix());
    }

    public ApiKeyIssuer(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("registration.api-key-prefix must be 1 to 20 letters or digits");
        }
        this.prefix = prefix;
    }

    /** A new key id; {@link SecureRandom#nextInt(int)} draws each character without modulo bias. */
    public String newKeyId() {
        StringBuilder id = new StringBuilder(KEY_ID_LENGTH);
        for (int i = 0; i < KEY_ID_LENGTH; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    /** A new secret under {@code keyId}; the full key exists only in the result and is shown to the developer once. */
    public IssuedApiKey issue(String keyId) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = BASE64URL.encodeToString(bytes);
        return new IssuedApiKey(keyId, prefix + THIRD_PARTY_MARKER + keyId + "." + secret, hash(secret));
    }

    /** What the public part of every key of {@code keyId} looks like, for showing which key an app has. */
    public String displayPrefix(String keyId) {
        return prefix + THIRD_PARTY_MARKER + keyId;
    }

    /** The stored form of a key's secret part: base64url (no padding) SHA-256 of its UTF-8 bytes. */
    public static String hash(String secret) {
        return ClientSecretIssuer.hash(secret);
    }

    /** A freshly issued key and the hash of its secret; {@link #toString()} never reveals the key. */
    public record IssuedApiKey(String keyId, String value, String secretHash) {
        @Override
        public String toString() {
            return "IssuedApiKey[keyId=" + keyId + ", value=<redacted>, secretHash=" + secretHash + "]";
        }
    }
}
