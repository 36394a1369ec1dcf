package org.gatehouse.registration.client;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientMetadataValidatorTest {

    private final ClientMetadataValidator validator = new ClientMetadataValidator(20, 100);

    @Test
    void handleWhenNameHasSurroundingSpaceThenTrimmed() {
        assertEquals("Tusky", validator.clientName("  Tusky \n"));
        assertEquals("Élan – 日本", validator.clientName("Élan – 日本"));
        // Joiners are part of how Persian, Indic scripts and emoji are written: kept.
        assertEquals("می\u200Cخواهم", validator.clientName("می\u200Cخواهم"));
        assertEquals("App \uD83D\uDC69\u200D\uD83D\uDCBB", validator.clientName("App \uD83D\uDC69\u200D\uD83D\uDCBB"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "a\u0000b", "line\nbreak", "xxxxxxxxxxxxxxxxxxxxx", "Bank\u202Egnp.exe",
            "Bank\u2066App\u2069", "Ba\u200Bnk", "Bank\u00ADApp", "\uFEFFBank", "Bank\u2028App"})
    void handleWhenNameMissingOrUnprintableOrLongThenInvalidClientMetadata(String name) {
        assertInvalid(() -> validator.clientName(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void handleWhenWebsiteAbsentThenNull(String website) {
        assertNull(validator.website(website));
    }

    @Test
    void handleWhenWebsiteHttpOrHttpsThenKept() {
        assertEquals("https://app.example", validator.website(" https://app.example "));
        assertEquals("http://app.example/about?x=1", validator.website("http://app.example/about?x=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://app.example", "app.example", "/about", "https://", "javascript:alert(1)",
            "https://user:pw@app.example", "https://app.example/ x", "https://app.example/\u202Efdp.exe",
            "https://app.example:99999/", "https://app.example:0/", "https://app.example:/"})
    void handleWhenWebsiteNotAnHttpUrlThenInvalidClientMetadata(String website) {
        assertInvalid(() -> validator.website(website));
    }

    @Test
    void handleWhenWebsiteTooLongThenInvalidClientMetadata() {
        assertInvalid(() -> validator.website("https://app.example/" + "a".repeat(100)));
    }

    @Test
    void handleWhenGrantTypesSupportedThenDeduplicated() {
        assertEquals(List.of("authorization_code", "refresh_token"),
                validator.grantTypes(List.of("authorization_code", "refresh_token", "authorization_code")));
    }

    @Test
    void handleWhenGrantTypeUnsupportedOrMissingThenInvalidClientMetadata() {
        assertInvalid(() -> validator.grantTypes(List.of("password")));
        assertInvalid(() -> validator.grantTypes(List.of("implicit")));
        assertInvalid(() -> validator.grantTypes(List.of()));
    }

    @Test
    void handleWhenAuthMethodNotSecretBasedThenInvalidClientMetadata() {
        assertEquals(List.of("client_secret_post"), validator.tokenEndpointAuthMethods(List.of("client_secret_post")));
        assertInvalid(() -> validator.tokenEndpointAuthMethods(List.of("none")));
        assertInvalid(() -> validator.tokenEndpointAuthMethods(List.of("private_key_jwt")));
    }

    private static void assertInvalid(Executable executable) {
        OAuthException e = assertThrows(OAuthException.class, executable);
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, e.error());
    }
}
