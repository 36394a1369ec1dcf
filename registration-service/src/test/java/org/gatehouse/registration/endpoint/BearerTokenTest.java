package org.gatehouse.registration.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BearerTokenTest {

    @Test
    void handleWhenBearerSchemeInAnyCaseThenToken() {
        assertEquals("abc-DEF_123", BearerToken.from("Bearer abc-DEF_123"));
        assertEquals("abc", BearerToken.from("bearer abc"));
        assertEquals("abc==", BearerToken.from("BEARER   abc=="));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer", "Bearer ", "Basic YWJjOmRlZg==", "Bearer a b", "Bearer a\tb", "Token abc",
            "Bearer ä", "abc"})
    void handleWhenNotASingleBearerTokenThenNull(String header) {
        assertNull(BearerToken.from(header));
    }
}
