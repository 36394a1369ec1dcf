package org.gatehouse.token.issue;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.jose4j.lang.JoseException;

import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts and decrypts private signing keys at rest as a compact JWE (RFC 7516,
 * https://www.rfc-editor.org/rfc/rfc7516#section-3.1) with direct encryption ({@code dir}) and
 * {@code A256GCM} under the key-encryption key from {@code token.key-encryption-key}.
 */
public final class KeyEncryptionKey {

    static final String MISSING = "token.key-encryption-key is not set: provide env TOKEN_KEY_ENCRYPTION_KEY "
            + "(base64 of 32 random bytes, e.g. `openssl rand -base64 32`) from the key-encryption Secret";

    private static final AlgorithmConstraints ONLY_DIR = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.DIRECT);
    private static final AlgorithmConstraints ONLY_A256GCM = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);

    private final AesKey key;

    private KeyEncryptionKey(byte[] raw) {
        this.key = new AesKey(raw);
    }

    /** Validates the configured value; every failure message names the setting and never echoes the value. */
    public static KeyEncryptionKey fromConfig(Optional<String> base64) {
        String value = base64.map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalStateException(MISSING));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("token.key-encryption-key (TOKEN_KEY_ENCRYPTION_KEY) is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("token.key-encryption-key (TOKEN_KEY_ENCRYPTION_KEY) must decode to "
                    + "32 bytes for A256GCM, got " + raw.length);
        }
        return new KeyEncryptionKey(raw);
    }

    public String encrypt(String plaintext) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
            jwe.setContentTypeHeaderValue("jwk+json");
            jwe.setKey(key);
            jwe.setPlaintext(plaintext);
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not encrypt a private key", e);
        }
    }

    /** Fails when the JWE was made under another key-encryption key or was tampered with (GCM tag). */
    public String decrypt(String compactJwe) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(ONLY_DIR);
            jwe.setContentEncryptionAlgorithmConstraints(ONLY_A256GCM);
            jwe.setCompactSerialization(compactJwe);
            jwe.setKey(key);
            return jwe.getPlaintextString();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not decrypt a private signing key: wrong "
                    + "token.key-encryption-key or corrupted row", e);
        }
    }
}
