package org.gatehouse.token.clientauth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSecretVerifierTest {

    @Test
    void hashWhenKnownVectorThenSha256Base64UrlWithoutPadding() {
        // SHA-256("abc") = ba7816bf...f20015ad (FIPS 180-2 test vector)
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", ClientSecretVerifier.hash("abc"));
    }

    @Test
    void matchesWhenAnyOfSeveralHashesMatchesThenTrue() {
        List<String> hashes = List.of(ClientSecretVerifier.hash("old"), ClientSecretVerifier.hash("new"));

        assertTrue(ClientSecretVerifier.matches("old", hashes));
        assertTrue(ClientSecretVerifier.matches("new", hashes));
        assertFalse(ClientSecretVerifier.matches("other", hashes));
    }

    @Test
    void matchesWhenNoHashesThenFalse() {
        assertFalse(ClientSecretVerifier.matches("secret", List.of()));
    }
}
