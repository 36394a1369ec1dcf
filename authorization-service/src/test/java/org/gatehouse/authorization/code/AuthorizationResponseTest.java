package org.gatehouse.authorization.code;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthorizationResponseTest {

    @Test
    void handleWhenRedirectUriHasQueryThenParametersAppended() {
        assertEquals("https://a.example/cb?keep=1&code=c&state=s&iss=https%3A%2F%2Fid.example",
                AuthorizationResponse.success("https://a.example/cb?keep=1", "c", "s", "https://id.example"));
    }

    @Test
    void handleWhenValuesNeedEncodingThenFormEncoded() {
        assertEquals("https://a.example/cb?code=c&state=a+b%26c%3Dd%2F%C3%A9&iss=i",
                AuthorizationResponse.success("https://a.example/cb", "c", "a b&c=d/é", "i"));
    }

    @Test
    void handleWhenNoStateThenOmitted() {
        assertEquals("com.example.app:/oauth?error=access_denied&error_description=The+user+said+no&iss=i",
                AuthorizationResponse.error("com.example.app:/oauth", "access_denied", "The user said no", null, "i"));
    }
}
