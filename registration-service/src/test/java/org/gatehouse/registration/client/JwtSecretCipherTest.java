package org.gatehouse.registration.client;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtSecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SECRET = "Zm9vYmFyLXNlY3JldC1mb3ItY2xpZW50LWp3dC10ZXN0aW5n";

    private final JwtSecretCipher cipher = new JwtSecretCipher(Optional.of(KEY));

    @Test
    void handleWhenEncryptedThenDecryptsForTheSameClientOnly() {
        String sealed = cipher.encrypt("client-a", SECRET);
        assertTrue(sealed.matches("v1\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+"), sealed);
        assertFalse(sealed.contains(SECRET));
        assertEquals(SECRET, cipher.decrypt("client-a", sealed));
        // The client_id is associated data: a ciphertext moved to another client's row does not open.
        assertUnavailable(() -> cipher.decrypt("client-b", sealed));
    }

    @Test
    void handleWhenEncryptedTwiceThenFreshIvEachTime() {
        assertNotEquals(cipher.encrypt("c", SECRET), cipher.encrypt("c", SECRET));
    }

    @Test
    void handleWhenCiphertextTamperedThenUnavailable() {
        String sealed = cipher.encrypt("c", SECRET);
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertUnavailable(() -> cipher.decrypt("c", tampered));
        assertUnavailable(() -> cipher.decrypt("c", "v2.AAAA.AAAA"));
    }

    @Test
    void handleWhenKeyChangedThenOldCiphertextUnavailable() {
        String sealed = cipher.encrypt("c", SECRET);
        byte[] other = new byte[32];
        other[0] = 1;
        JwtSecretCipher rotated = new JwtSecretCipher(Optional.of(Base64.getEncoder().encodeToString(other)));
        assertUnavailable(() -> rotated.decrypt("c", sealed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 !", "AAAA"})
    void handleWhenKeyMissingOrMalformedThenEncryptIs503(String key) {
        JwtSecretCipher withoutKey = new JwtSecretCipher(key.isEmpty() ? Optional.empty() : Optional.of(key));
        assertUnavailable(() -> withoutKey.encrypt("c", SECRET));
    }

    private static void assertUnavailable(org.junit.jupiter.api.function.Executable executable) {
        OAuthException e = assertThrows(OAuthException.class, executable);
        assertEquals(OAuthError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(503, e.status());
    }
}
