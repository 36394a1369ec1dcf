package org.gatehouse.token.clientauth;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicCredentialsTest {

    @Test
    void parseWhenIdAndSecretFormEncodedThenDecodedAfterSplitting() {
        BasicCredentials credentials = BasicCredentials.parse(basic("svc%3Aa%25b%2Bc:s%3Ae%25c%2Br+t")).orElseThrow();

        assertEquals("svc:a%b+c", credentials.clientId());
        assertEquals("s:e%c+r t", credentials.clientSecret());
    }

    @Test
    void parseWhenSecretHasUnencodedColonThenSplitAtTheFirstColon() {
        BasicCredentials credentials = BasicCredentials.parse(basic("client:a:b")).orElseThrow();

        assertEquals("client", credentials.clientId());
        assertEquals("a:b", credentials.clientSecret());
    }

    @Test
    void parseWhenSchemeInOtherCaseThenAccepted() {
        assertTrue(BasicCredentials.parse(basic("client:secret").replace("Basic", "bAsIc")).isPresent());
    }

    @Test
    void parseWhenNoHeaderOrOtherSchemeThenEmpty() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc.def.ghi").isEmpty());
    }

    @Test
    void parseWhenNotBase64ThenInvalidRequest() {
        assertInvalidRequest("Basic %%%");
    }

    @Test
    void parseWhenNoColonThenInvalidRequest() {
        assertInvalidRequest(basic("just-an-id"));
    }

    @Test
    void parseWhenBadPercentEncodingThenInvalidRequest() {
        assertInvalidRequest(basic("client:%zz"));
    }

    @Test
    void parseWhenEmptyClientIdThenInvalidRequest() {
        assertInvalidRequest(basic(":secret"));
    }

    @Test
    void parseWhenSchemeWithoutCredentialsThenInvalidRequest() {
        assertInvalidRequest("Basic");
    }

    @Test
    void toStringWhenLoggedThenSecretHidden() {
        BasicCredentials credentials = new BasicCredentials("client", "top-secret");

        assertTrue(!credentials.toString().contains("top-secret"));
    }

    private static void assertInvalidRequest(String header) {
        OAuthException e = assertThrows(OAuthException.class, () -> BasicCredentials.parse(header));
        assertEquals(OAuthError.INVALID_REQUEST, e.error());
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
