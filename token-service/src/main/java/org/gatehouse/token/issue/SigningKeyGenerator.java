package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.SigningKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Makes new signing-key rows: a fresh key pair of the given algorithm, the public half as a JWK
 * (RFC 7517 §4, https://www.rfc-editor.org/rfc/rfc7517#section-4), the private half only as a JWE under the
 * key-encryption key. The caller sets the state.
 */
@ApplicationScoped
public class SigningKeyGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyEncryptionKey keyEncryptionKey;

    public SigningKeyGenerator(TokenConfig config) {
        // Fails startup with a message naming the setting when misconfigured.
        this.keyEncryptionKey = KeyEncryptionKey.fromConfig(config.keyEncryptionKey());
    }

    public SigningKey generate(Instant now, SigningAlgorithm algorithm) {
        try {
            PublicJsonWebKey jwk = algorithm.generateKey();
            jwk.setKeyId(randomKid());
            jwk.setAlgorithm(algorithm.name());
            jwk.setUse("sig");
            SigningKey key = new SigningKey();
            key.kid = jwk.getKeyId();
            key.algorithm = algorithm.name();
            key.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            key.privateJwe = keyEncryptionKey.encrypt(jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            key.createdAt = now;
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("Could not generate a " + algorithm + " signing key", e);
        }
    }

    /** 128 random bits, base64url: unique without coordination and safe in a JOSE header. */
    private static String randomKid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
