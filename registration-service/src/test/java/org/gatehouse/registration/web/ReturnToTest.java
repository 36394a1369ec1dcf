package org.gatehouse.registration.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/account", "/developer", "/oauth/authorize?client_id=abc&redirect_uri=https%3A%2F%2Fa.example"})
    void handleWhenLocalPathThenKept(String path) {
        assertEquals(Optional.of(path), ReturnTo.validate(path));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example",
            "/%2Fevil.example", "/%5cevil.example", "javascript:alert(1)", "account", "/acc ount", "/acc\nount"})
    void handleWhenNotALocalPathThenRefused(String candidate) {
        assertEquals(Optional.empty(), ReturnTo.validate(candidate));
    }

    @Test
    void handleWhenLoginPathBuiltThenReturnToEncodedButSlashesKept() {
        assertEquals("/login?return_to=/developer", Pages.loginPath("/developer"));
        assertEquals("/login?return_to=/oauth/authorize%3Fa%3D1%26b%3D2", Pages.loginPath("/oauth/authorize?a=1&b=2"));
    }

    @Test
    void handleWhenRotationOverlapConfiguredThenDescribedInWords() {
        assertEquals("The current key stops working as soon as the new one is created.",
                DeveloperPage.rotationNote(Duration.ZERO));
        assertEquals("The current key keeps working for 1 hour after the new one is created.",
                DeveloperPage.rotationNote(Duration.ofHours(1)));
        assertEquals("The current key keeps working for 90 seconds after the new one is created.",
                DeveloperPage.rotationNote(Duration.ofSeconds(90)));
    }
}
