package org.gatehouse.registration.account;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"violet-harbour-lantern-42", "correct horse battery", "exactly12chr", "日本語のパスワードです長い",
            "🔑🔑🔑🔒🔒🔒🗝🗝🗝🚪🚪🚪"})
    void handleWhenLongUncommonPasswordThenAccepted(String password) {
        assertDoesNotThrow(() -> policy.check("password", password, "alice"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void handleWhenMissingThenRequired(String password) {
        assertRefused(password, "alice", "password is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "elevenchars", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑"})
    void handleWhenShorterThan12CharactersThenRefused(String password) {
        assertRefused(password, "alice", "at least 12 characters");
    }

    @Test
    void handleWhenLongerThan1024CharactersThenRefused() {
        assertDoesNotThrow(() -> policy.check("password", "ab".repeat(512), "alice"));
        assertRefused("ab".repeat(512) + "c", "alice", "at most 1024 characters");
        assertRefused("x".repeat(10_000), "alice", "at most 1024 characters");
    }

    @Test
    void handleWhenEqualToUsernameIgnoringCaseThenRefused() {
        assertRefused("Long.User-Name", "long.user-name", "same as the username");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "PASSWORD1234", "qwertyuiop123", "1qaz2wsx3edc", "iloveyou1234",
            "123456789012", "correcthorsebatterystaple"})
    void handleWhenCommonPasswordThenRefused(String password) {
        assertRefused(password, "alice", "most commonly used passwords");
    }

    @Test
    void handleWhenSingleRepeatedCharacterThenRefused() {
        assertRefused("zzzzzzzzzzzzzzzz", "alice", "single repeated character");
    }

    @Test
    void handleWhenRefusedThenMessageNamesTheRequestField() {
        OAuthException e = assertThrows(OAuthException.class, () -> policy.check("user_secret", "short", "bob"));
        assertThat(e.description(), containsString("user_secret"));
    }

    private void assertRefused(String password, String username, String message) {
        OAuthException e = assertThrows(OAuthException.class, () -> policy.check("password", password, username));
        assertEquals(OAuthError.INVALID_REQUEST, e.error());
        assertEquals(400, e.status());
        assertThat(e.description(), containsString(message));
    }
}
