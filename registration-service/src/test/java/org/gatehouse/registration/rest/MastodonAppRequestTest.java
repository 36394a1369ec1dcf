package org.gatehouse.registration.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.ClientMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MastodonAppRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void handleWhenRedirectUrisIsSeparatedStringThenSplitOnAnyWhitespace() throws Exception {
        ClientMetadata metadata = parse("{\"client_name\":\"a\",\"redirect_uris\":\" https://a/1\\nhttps://a/2\\r\\n\\thttps://a/3 \"}");
        assertEquals(List.of("https://a/1", "https://a/2", "https://a/3"), metadata.redirectUris());
    }

    @Test
    void handleWhenRedirectUrisIsArrayThenEachElementIsOneUri() throws Exception {
        ClientMetadata metadata = parse("{\"client_name\":\"a\",\"redirect_uris\":[\"https://a/1\",\"https://a/ 2\"]}");
        assertEquals(List.of("https://a/1", "https://a/ 2"), metadata.redirectUris());
    }

    @Test
    void handleWhenRedirectUrisAbsentOrNullThenNone() throws Exception {
        assertTrue(parse("{\"client_name\":\"a\"}").redirectUris().isEmpty());
        assertTrue(parse("{\"client_name\":\"a\",\"redirect_uris\":null}").redirectUris().isEmpty());
    }

    @Test
    void handleWhenRedirectUrisHasNonStringThenInvalidRedirectUri() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> parse("{\"client_name\":\"a\",\"redirect_uris\":[\"https://a/1\", 2]}"));
        assertEquals(OAuthError.INVALID_REDIRECT_URI, e.error());
        assertThrows(OAuthException.class, () -> parse("{\"client_name\":\"a\",\"redirect_uris\":{}}"));
    }

    @Test
    void handleWhenScopesIsArrayThenJoined() throws Exception {
        assertEquals("read write", parse("{\"scopes\":[\"read\",\"write\"]}").scope());
        assertNull(parse("{}").scope());
        assertThrows(OAuthException.class, () -> parse("{\"scopes\":42}"));
    }

    @Test
    void handleWhenMastodonAppThenSecretClientWithAllGrantsAndBothSecretMethods() throws Exception {
        ClientMetadata metadata = parse("{}");
        assertEquals(List.of("authorization_code", "client_credentials", "refresh_token"), metadata.grantTypes());
        assertEquals(List.of("client_secret_basic", "client_secret_post"), metadata.tokenEndpointAuthMethods());
    }

    @Test
    void handleWhenFormHasStringAndRailsArrayFieldsThenAllUrisKept() {
        ClientMetadata metadata = MastodonAppRequest.fromForm("a", List.of("https://a/1 https://a/2"),
                List.of("https://a/3"), "read", null);
        assertEquals(List.of("https://a/1", "https://a/2", "https://a/3"), metadata.redirectUris());
        assertTrue(MastodonAppRequest.fromForm("a", null, null, null, null).redirectUris().isEmpty());
    }

    private ClientMetadata parse(String body) throws Exception {
        return json.readValue(body, MastodonAppRequest.class).toMetadata();
    }
}
