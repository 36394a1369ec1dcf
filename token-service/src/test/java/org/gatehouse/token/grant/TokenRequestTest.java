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
}
