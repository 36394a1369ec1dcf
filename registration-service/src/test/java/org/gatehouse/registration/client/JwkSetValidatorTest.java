package org.gatehouse.registration.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwkSetValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwkSetValidator validator = new JwkSetValidator(200);

    @Test
    void handleWhenPublicEcRsaAndOkpKeysThenStoredAsCompactJson() throws Exception {
        Map<String, Object> okp = Map.of("kty", "OKP", "crv", "Ed25519", "kid", "ed",
                "x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        String stored = validator.jwks(tree(TestDynamicClients.jwks(TestDynamicClients.ecPublicJwk("ec"),
                TestDynamicClients.rsaPublicJwk("rsa", 2048), okp)));
        JsonNode keys = JSON.readTree(stored).get("keys");
        assertEquals(3, keys.size());
        assertEquals("ec", keys.get(0).get("kid").asText());
        assertTrue(!stored.contains(" ") && !stored.contains("\n"));
    }

    @Test
    void handleWhenJwksAbsentThenNull() {
        assertNull(validator.jwks(null));
        assertNull(validator.jwks(JSON.nullNode()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    void handleWhenKeyHasPrivateMemberThenInvalidClientMetadata(String member) {
        Map<String, Object> key = new HashMap<>(TestDynamicClients.ecPublicJwk("ec"));
        key.put(member, "AAAA");
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(key))));
    }

    @Test
    void handleWhenEcKeyWithItsRealPrivatePartThenInvalidClientMetadata() {
        OAuthException e = assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(
                TestDynamicClients.ecPrivateJwk("ec")))));
        assertTrue(e.description().contains("public keys only"), e.description());
    }

    @Test
    void handleWhenSymmetricKeyThenInvalidClientMetadata() {
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(
                Map.of("kty", "oct", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0")))));
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(Map.of("kty", "oct")))));
    }

    @Test
    void handleWhenRsaModulusUnder2048BitsThenInvalidClientMetadata() {
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(TestDynamicClients.rsaPublicJwk("rsa", 1024)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "\"keys\"", "{}", "{\"keys\": []}", "{\"keys\": {}}", "{\"keys\": [\"x\"]}",
            "{\"keys\": [{\"crv\": \"P-256\"}]}",
            "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-192\", \"x\": \"AAAA\", \"y\": \"AAAA\"}]}",
            "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"AAAA\", \"y\": \"AAAA\"}]}",
            "{\"keys\": [{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"x\": \"not base64!\"}]}",
            "{\"keys\": [{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"x\": \"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}]}",
            "{\"keys\": [{\"kty\": \"RSA\", \"e\": \"AQAB\"}]}",
            "{\"keys\": [{\"kty\": \"XYZ\"}]}",
            "{\"keys\": [{\"kty\": 7}]}"})
    void handleWhenNotAJwkSetOfPublicKeysThenInvalidClientMetadata(String jwks) throws Exception {
        JsonNode tree = JSON.readTree(jwks);
        assertInvalid(() -> validator.jwks(tree));
    }

    @Test
    void handleWhenTwoKeysShareAKidThenInvalidClientMetadata() {
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(TestDynamicClients.ecPublicJwk("same"),
                TestDynamicClients.ecPublicJwk("same")))));
    }

    @Test
    void handleWhenUseIsNeitherSigNorEncThenInvalidClientMetadata() {
        Map<String, Object> key = new HashMap<>(TestDynamicClients.ecPublicJwk("ec"));
        key.put("use", "everything");
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(key))));
    }

    @Test
    void handleWhenMoreThanTenKeysThenInvalidClientMetadata() {
        Map<?, ?>[] keys = new Map<?, ?>[JwkSetValidator.MAX_KEYS + 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = TestDynamicClients.ecPublicJwk("k" + i);
        }
        assertInvalid(() -> validator.jwks(tree(TestDynamicClients.jwks(keys))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://rp.example/jwks.json", "http://localhost:9000/jwks", "http://127.0.0.1/jwks",
            "http://[::1]:8443/keys"})
    void handleWhenJwksUriHttpsOrLoopbackHttpThenAccepted(String uri) {
        assertEquals(uri, validator.jwksUri(uri));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void handleWhenJwksUriAbsentThenNull(String uri) {
        assertNull(validator.jwksUri(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://rp.example/jwks.json", "http://10.0.0.1/jwks", "ftp://rp.example/jwks",
            "/jwks.json", "https://user:pw@rp.example/jwks", "https://rp.example/jwks#frag", "https:///jwks",
            "urn:example:jwks"})
    void handleWhenJwksUriNotHttpsThenInvalidClientMetadata(String uri) {
        assertInvalid(() -> validator.jwksUri(uri));
    }

    @Test
    void handleWhenJwksUriTooLongThenInvalidClientMetadata() {
        assertInvalid(() -> validator.jwksUri("https://rp.example/" + "x".repeat(200)));
    }

    private static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static OAuthException assertInvalid(Executable executable) {
        OAuthException e = assertThrows(OAuthException.class, executable);
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, e.error());
        return e;
    }
}
