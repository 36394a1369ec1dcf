package org.gatehouse.token.grant;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TokenRequestTest {

    @Test
    void withGrantTypeInferredWhenCodeWithoutGrantTypeThenAuthorizationCode() {
        TokenRequest request = new TokenRequest(Map.of("code", "abc")).withGrantTypeInferredFromCode();

        assertEquals(Optional.of("authorization_code"), request.grantType());
    }

    @Test
    void withGrantTypeInferredWhenGrantTypeGivenThenKept() {
        TokenRequest request = new TokenRequest(Map.of("code", "abc", "grant_type", "refresh_token"))
                .withGrantTypeInferredFromCode();

        assertEquals(Optional.of("refresh_token"), request.grantType());
    }

    @Test
    void withGrantTypeInferredWhenNoCodeThenStillMissing() {
        assertEquals(Optional.empty(), new TokenRequest(Map.of()).withGrantTypeInferredFromCode().grantType());
    }

    @Test
    void toStringWhenLoggedThenOnlyParameterNames() {
        assertFalse(new TokenRequest(Map.of("client_secret", "s3cr3t")).toString().contains("s3cr3t"));
    }

    @Test
    void withRedirectUriDefaultedToWhenOneRegisteredAndNoneSentThenThatOne() {
        TokenRequest request = new TokenRequest(java.util.Map.of("code", "c"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("https://app.example/cb"),
                request.withRedirectUriDefaultedTo(java.util.List.of("https://app.example/cb"))
                        .parameter(TokenRequest.REDIRECT_URI));
    }

    @Test
    void withRedirectUriDefaultedToWhenSeveralRegisteredOrOneSentThenUnchanged() {
        TokenRequest none = new TokenRequest(java.util.Map.of("code", "c"));
        org.junit.jupiter.api.Assertions.assertTrue(none.withRedirectUriDefaultedTo(
                java.util.List.of("https://a.example/cb", "https://b.example/cb"))
                .parameter(TokenRequest.REDIRECT_URI).isEmpty());
        TokenRequest sent = new TokenRequest(java.util.Map.of("code", "c", "redirect_uri", "https://x.example/cb"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("https://x.example/cb"),
                sent.withRedirectUriDefaultedTo(java.util.List.of("https://app.example/cb"))
                        .parameter(TokenRequest.REDIRECT_URI));
    }
}
