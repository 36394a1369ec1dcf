package org.gatehouse.token.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.grant.TokenRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenRequestParserTest {

    private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

    private final TokenRequestParser parser = new TokenRequestParser(new ObjectMapper());

    @Test
    void parseWhenFormThenDecodedParameters() {
        TokenRequest request = parser.parse(FORM, "grant_type=client_credentials&scope=read+write%3Anodes");

        assertEquals(Map.of("grant_type", "client_credentials", "scope", "read write:nodes"), request.parameters());
    }

    @Test
    void parseWhenFormWithCharsetThenAccepted() {
        TokenRequest request = parser.parse(MediaType.valueOf("application/x-www-form-urlencoded; charset=UTF-8"),
                "grant_type=client_credentials");

        assertEquals("client_credentials", request.grantType().orElseThrow());
    }

    @Test
    void parseWhenParameterWithoutValueThenOmitted() {
        assertEquals(Map.of("grant_type", "client_credentials"),
                parser.parse(FORM, "grant_type=client_credentials&scope=&state").parameters());
    }

    @Test
    void parseWhenFormParameterRepeatedThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, FORM, "scope=read&grant_type=x&scope=");
    }

    @Test
    void parseWhenFormPercentEncodingBrokenThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, FORM, "scope=%E");
    }

    @Test
    void parseWhenTooManyParametersThenInvalidRequest() {
        String body = IntStream.range(0, TokenRequestParser.MAX_PARAMETERS + 1).mapToObj(i -> "p" + i + "=v")
                .collect(Collectors.joining("&"));

        assertError(OAuthError.INVALID_REQUEST, FORM, body);
    }

    @Test
    void parseWhenJsonThenScalarsAsTextAndNullOmitted() {
        TokenRequest request = parser.parse(JSON,
                "{\"grant_type\":\"client_credentials\",\"client_id\":42,\"scope\":null}");

        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "42"), request.parameters());
    }

    @Test
    void parseWhenJsonKeyRepeatedThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, JSON, "{\"scope\":\"read\",\"scope\":\"write\"}");
    }

    @Test
    void parseWhenJsonValueIsNestedThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, JSON, "{\"scope\":[\"read\"]}");
    }

    @Test
    void parseWhenJsonMalformedOrEmptyThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, JSON, "{\"scope\":");
        assertError(OAuthError.INVALID_REQUEST, JSON, "");
        assertError(OAuthError.INVALID_REQUEST, JSON, "\"just a string\"");
    }

    @Test
    void parseWhenOtherOrMissingContentTypeThenUnsupportedMediaType() {
        assertError(OAuthError.UNSUPPORTED_MEDIA_TYPE, MediaType.TEXT_PLAIN_TYPE, "grant_type=client_credentials");
        assertError(OAuthError.UNSUPPORTED_MEDIA_TYPE, null, "grant_type=client_credentials");
    }

    private void assertError(OAuthError expected, MediaType type, String body) {
        OAuthException e = assertThrows(OAuthException.class, () -> parser.parse(type, body));
        assertEquals(expected, e.error());
    }
}
