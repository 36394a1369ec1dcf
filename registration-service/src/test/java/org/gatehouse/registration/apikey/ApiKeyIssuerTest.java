package org.gatehouse.registration.apikey;

import org.gatehouse.registration.client.ClientSecretIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyIssuerTest {

    private final ApiKeyIssuer issuer = new ApiKeyIssuer("gh");

    @Test
    void handleWhenIssuedThenPrefixTpKeyIdDotSecret() {
        String keyId = issuer.newKeyId();
        ApiKeyIssuer.IssuedApiKey key = issuer.issue(keyId);
        assertTrue(key.value().matches("gh_tp_[A-Za-z0-9]{16}\\.[A-Za-z0-9_-]{43}"), key.value());
        assertTrue(key.value().startsWith(issuer.displayPrefix(keyId) + "."));
        String secret = key.value().substring(key.value().indexOf('.') + 1);
        assertEquals(ClientSecretIssuer.hash(secret), key.secretHash());
        assertNotEquals(secret, key.secretHash());
    }

    @Test
    void handleWhenRotatedUnderSameKeyIdThenNewSecret() {
        String keyId = issuer.newKeyId();
        assertNotEquals(issuer.issue(keyId).value(), issuer.issue(keyId).value());
    }

    @Test
    void handleWhenKeyIdsDrawnThenAlphanumericAndUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = issuer.newKeyId();
            assertTrue(id.matches("[A-Za-z0-9]{16}"), id);
            assertTrue(ids.add(id));
        }
    }

    @Test
    void handleWhenPrefixConfiguredThenUsed() {
        assertTrue(new ApiKeyIssuer("acme").issue("AAAAAAAAAAAAAAAA").value().startsWith("acme_tp_AAAAAAAAAAAAAAAA."));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"g_h", "gh.", "g h", "very-long-prefix", "abcdefghijklmnopqrstu"})
    void handleWhenPrefixNotAlphanumericThenRefusedAtStartup(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> new ApiKeyIssuer(prefix));
    }

    @Test
    void handleWhenPrintedThenKeyRedacted() {
        ApiKeyIssuer.IssuedApiKey key = issuer.issue(issuer.newKeyId());
        assertFalse(key.toString().contains(key.value()));
        assertFalse(key.toString().contains(key.value().substring(key.value().indexOf('.') + 1)));
    }
}
