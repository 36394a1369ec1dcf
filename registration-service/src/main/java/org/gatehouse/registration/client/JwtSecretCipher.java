package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;
import org.jboss.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the secret of a {@code client_secret_jwt} client recoverable, and only that one. Such a client signs its
 * assertions with HMAC-SHA256 keyed by its secret (RFC 7523 §2.2, OIDC Core §9), so token-service needs the secret
 * itself, which a hash cannot give back. The secret is encrypted with AES-256-GCM (JCA) under
 * {@code registration.client-jwt-secret-key}, a fresh 96-bit IV each time, and the {@code client_id} as associated
 * data, so a ciphertext copied onto another client's row does not decrypt. Stored form:
 * {@code v1.<base64url iv>.<base64url ciphertext and tag>}.
 *
 * <p>The key is needed only once such a client exists: without it the service still starts, and registering a
 * {@code client_secret_jwt} client is refused with 503 and an error in the log naming the missing setting.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.2">RFC 7523 §2.2</a>
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">OIDC Core §9</a>
 */
@ApplicationScoped
public class JwtSecretCipher {

    static final String VERSION = "v1";
    static final String KEY_PROPERTY = "registration.client-jwt-secret-key";

    private static final Logger LOG = Logger.getLogger(JwtSecretCipher.class);
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;
    private final String keyProblem;

    @Inject
    public JwtSecretCipher(RegistrationConfig config) {
        this(config.clientJwtSecretKey());
    }

    JwtSecretCipher(Optional<String> base64Key) {
        SecretKey parsed = null;
        String problem = null;
        if (base64Key.isEmpty() || base64Key.get().isBlank()) {
            problem = KEY_PROPERTY + " is not set";
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(base64Key.get().strip());
                if (bytes.length == KEY_BYTES) {
                    parsed = new SecretKeySpec(bytes, "AES");
                } else {
                    problem = KEY_PROPERTY + " must be the base64 of exactly 32 bytes, not " + bytes.length;
                }
            } catch (IllegalArgumentException e) {
                problem = KEY_PROPERTY + " is not valid base64";
            }
            if (problem != null) {
                LOG.errorf("%s: client_secret_jwt clients cannot be registered or served until it is fixed", problem);
            }
        }
        this.key = parsed;
        this.keyProblem = problem;
    }

    /**
     * @throws OAuthException 503 {@code temporarily_unavailable} when no usable key is configured
     */
    public String encrypt(String clientId, String secret) {
        SecretKey usable = requireKey("register a client_secret_jwt client");
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, usable, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(clientId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + "." + BASE64URL.encodeToString(iv) + "." + BASE64URL.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java platform", e);
        }
    }

    /**
     * @throws OAuthException 503 {@code temporarily_unavailable} when no usable key is configured or the stored
     *                        value does not decrypt under it (a changed key, a tampered row); details in the log
     */
    public String decrypt(String clientId, String stored) {
        SecretKey usable = requireKey("serve a client_secret_jwt client");
        String[] parts = stored.split("\\.");
        try {
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new GeneralSecurityException("unknown format");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, usable,
                    new GCMParameterSpec(TAG_BITS, BASE64URL_DECODER.decode(parts[1])));
            cipher.updateAAD(clientId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(BASE64URL_DECODER.decode(parts[2])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.errorf("The client_secret_jwt secret of client %s does not decrypt with %s (was the key changed?): %s",
                    clientId, KEY_PROPERTY, e.getMessage());
            throw unavailable();
        }
    }

    private SecretKey requireKey(String purpose) {
        if (key == null) {
            LOG.errorf("Cannot %s: %s. Set it to the base64 of 32 random bytes (for example `openssl rand -base64 32`)",
                    purpose, keyProblem);
            throw unavailable();
        }
        return key;
    }

    private static OAuthException unavailable() {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                "client_secret_jwt clients are not available on this server right now", Map.of());
    }
}
