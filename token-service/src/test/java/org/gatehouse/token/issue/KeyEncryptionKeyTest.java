package org.gatehouse.token.issue;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyEncryptionKeyTest {

    private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void fromConfigWhenAbsentThenStartupFailsNamingTheEnvVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeyEncryptionKey.fromConfig(Optional.empty()));

        assertTrue(e.getMessage().contains("TOKEN_KEY_ENCRYPTION_KEY"));
        assertTrue(e.getMessage().contains("token.key-encryption-key"));
    }

    @Test
    void fromConfigWhenBlankThenStartupFails() {
        assertThrows(IllegalStateException.class, () -> KeyEncryptionKey.fromConfig(Optional.of("  ")));
    }

    @Test
    void fromConfigWhenNotBase64ThenStartupFailsWithoutEchoingTheValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeyEncryptionKey.fromConfig(Optional.of("not*base64!")));

        assertFalse(e.getMessage().contains("not*base64!"));
    }

    @Test
    void fromConfigWhenNot32BytesThenStartupFails() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeyEncryptionKey.fromConfig(Optional.of(sixteen)));
        assertTrue(e.getMessage().contains("32 bytes"));
    }

    @Test
    void decryptWhenEncryptedUnderSameKeyThenPlaintext() {
        KeyEncryptionKey kek = KeyEncryptionKey.fromConfig(Optional.of(KEK));

        String jwe = kek.encrypt("{\"d\":\"private\"}");

        assertFalse(jwe.contains("private"));
        assertEquals("{\"d\":\"private\"}", kek.decrypt(jwe));
    }

    @Test
    void decryptWhenOtherKeyThenFails() {
        byte[] other = new byte[32];
        other[0] = 1;
        String jwe = KeyEncryptionKey.fromConfig(Optional.of(KEK)).encrypt("secret");

        assertThrows(IllegalStateException.class, () -> KeyEncryptionKey
                .fromConfig(Optional.of(Base64.getEncoder().encodeToString(other))).decrypt(jwe));
    }

    @Test
    void decryptWhenCiphertextTamperedThenFails() {
        KeyEncryptionKey kek = KeyEncryptionKey.fromConfig(Optional.of(KEK));
        String[] parts = kek.encrypt("secret").split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);

        assertThrows(IllegalStateException.class, () -> kek.decrypt(String.join(".", parts)));
    }
}
