package org.gatehouse.registration.account;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccountValidatorTest {

    private final AccountValidator validator = new AccountValidator();

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Alice", "alice.smith", "al-ice_99", "A23456789012345678901234567890ab"})
    void handleWhenUsernameOfAllowedCharactersThenAccepted(String username) {
        assertEquals(username, validator.username("username", username));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ab", "A23456789012345678901234567890abc", "has space", " alice", "alice\n", "émile",
            "аlice", "a@b", "a/b", "<script>"})
    void handleWhenUsernameTooShortLongOrOddCharactersThenInvalidRequest(String username) {
        assertInvalid(() -> validator.username("user_id", username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "Alice.Liddell+tea@Example.co.uk", "o'hara@example.com",
            "x_y-z!#$%&*/=?^`{|}~@mail-1.example.org", "a@b.co"})
    void handleWhenUsernameIsAnEmailAddressThenAcceptedAsGiven(String username) {
        assertEquals(username, validator.username("user_id", username));
    }

    @Test
    void handleWhenAddressUsernameOver254CharactersThenInvalidRequest() {
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(60) + ".com";
        String local254 = "l".repeat(254 - 1 - domain.length());
        assertEquals(local254 + "@" + domain, validator.username("user_id", local254 + "@" + domain));
        assertInvalid(() -> validator.username("user_id", "l" + local254 + "@" + domain));
        assertInvalid(() -> validator.username("user_id", "l".repeat(65) + "@example.com"));
        assertInvalid(() -> validator.username("user_id", "alice@" + "d".repeat(64) + ".com"));
    }

    @Test
    void handleWhenEmailValidThenTrimmed() {
        assertEquals("Alice@Example.org", validator.email("  Alice@Example.org "));
        assertNull(validator.email("  "));
        assertNull(validator.email(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@", "@example.org", "alice@example", "a b@example.org", "a@b@example.org",
            "alice@example..org"})
    void handleWhenEmailMalformedThenInvalidRequest(String email) {
        assertInvalid(() -> validator.email(email));
    }

    @Test
    void handleWhenDisplayNameBlankThenUsername() {
        assertEquals("alice", validator.displayName("  ", "alice"));
        assertEquals("Alice Smith", validator.displayName(" Alice Smith ", "alice"));
        assertInvalid(() -> validator.displayName("x".repeat(101), "alice"));
        assertInvalid(() -> validator.displayName("Alice\u0000", "alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000-02-29", "0000-02-29", "1815-12-10", "1815", "0001-01-01"})
    void birthdateWhenFullDateYearWithheldOrYearAloneThenAccepted(String birthdate) {
        assertEquals(birthdate, validator.birthdate(" " + birthdate + " "));
    }

    /** 1900 is no leap year (a century not divisible by 400); {@code 0000} alone withholds everything. */
    @ParameterizedTest
    @ValueSource(strings = {"1900-02-29", "0000-02-30", "2023-00-10", "2023-04-31", "0000", "99999", "2023-4-1",
            "２０００", "2000-01-01T00:00", "9999"})
    void birthdateWhenNotACalendarDateOfAnAllowedShapeOrFutureThenInvalidRequest(String birthdate) {
        assertInvalid(() -> validator.birthdate(birthdate));
    }

    @Test
    void zoneinfoWhenIanaZoneInAnyCaseThenItsOwnSpelling() {
        assertEquals("America/Los_Angeles", validator.zoneinfo("america/los_angeles"));
        assertEquals("UTC", validator.zoneinfo("UTC"));
        assertInvalid(() -> validator.zoneinfo("PST"));
        assertInvalid(() -> validator.zoneinfo("GMT+01:00"));
    }

    @Test
    void localeWhenWellFormedTagThenCanonicalCaseElseInvalidRequest() {
        assertEquals("en-US", validator.locale("en-us"));
        assertEquals("zh-Hant-TW", validator.locale("zh-hant-tw"));
        assertEquals("fr", validator.locale("FR"));
        assertInvalid(() -> validator.locale("und"));
        assertInvalid(() -> validator.locale("en US"));
        assertInvalid(() -> validator.locale("en-" + "a".repeat(70)));
    }

    private static void assertInvalid(Executable executable) {
        OAuthException e = assertThrows(OAuthException.class, executable);
        assertEquals(OAuthError.INVALID_REQUEST, e.error());
    }
}
