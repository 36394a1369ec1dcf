package org.gatehouse.common.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which raw queries {@link RequestCharacters} lets through (over HTTP: authorization-service tests). */
class RequestCharactersTest {

    @ParameterizedTest
    @ValueSource(strings = {"client_id=%E2%80%AE%F0%9F%92%A5&response_type=code", "a=%C3%A9+b", "x=%25zz",
            "redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fa%3D1", "q=\u00c3\u00a9", "scope=openid%20read", ""})
    void problemInWhenWellFormedUtf8WithoutControlsThenNone(String rawQuery) {
        assertNull(RequestCharacters.problemIn(rawQuery, "query"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id=%E2%80%AE%00%F0%9F%92%A5&response_type=code", "a=%0A", "a=%0d", "a=%09",
            "a=%1B", "a=%7F", "a=%C0%AF", "a=%FF", "a=%ED%A0%80", "a=%E2%80", "a=%zz", "a=%", "a=%4", "q=\u00ff",
            "q=\u0100"})
    void problemInWhenControlInvalidUtf8OrBrokenEscapeThenRefused(String rawQuery) {
        assertNotNull(RequestCharacters.problemIn(rawQuery, "query"));
    }
}
