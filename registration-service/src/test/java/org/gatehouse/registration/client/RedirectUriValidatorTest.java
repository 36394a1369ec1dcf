package org.gatehouse.registration.client;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedirectUriValidatorTest {

    private final RedirectUriValidator validator = new RedirectUriValidator(5, 200);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example/cb",
            "https://app.example:8443/oauth/cb?tenant=1",
            "HTTPS://APP.EXAMPLE/cb",
            "https://localhost/cb",
            "http://localhost/cb",
            "http://LOCALHOST:3000/cb",
            "http://127.0.0.1:8080/cb",
            "http://127.0.0.1:1/cb",
            "http://127.0.0.1:65535/cb",
            "http://127.0.0.1/",
            "http://[::1]:8080/cb",
            "http://[::1]/cb",
            "com.example.app:/oauth2redirect",
            "com.example.app://callback",
            "org.joinmastodon.android://callback",
            "myapp://oauth",
            "urn:ietf:wg:oauth:2.0:oob"})
    void handleWhenRedirectUriAcceptableThenRegisteredUnchanged(String uri) {
        assertEquals(List.of(uri), validator.validate(List.of(uri)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example/cb#state",
            "https://app.example/cb#",
            "com.example.app:/cb#x",
            "urn:ietf:wg:oauth:2.0:oob#x"})
    void handleWhenFragmentThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999/cb", "http://127.0.0.1:0/cb", "http://127.0.0.1:04000/cb",
            "http://[::1]:65536/cb", "http://[::1]:0/cb", "http://127.0.0.1:/cb", "https://app.example:00443/cb",
            "myapp://host:99999/cb"})
    void validateWhenPortOutOfRangeZeroOrNotCanonicalThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cb", "cb", "//app.example/cb", "?x=1", "app.example/cb"})
    void handleWhenRelativeThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://app.example/cb",
            "http://127.0.0.2/cb",
            "http://0.0.0.0/cb",
            "http://[::2]/cb",
            "http://localhost.evil.example/cb",
            "http://127.0.0.1.nip.io/cb",
            "http://10.0.0.1/cb"})
    void handleWhenHttpForNonLoopbackHostThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://user@app.example/cb",
            "https://user:password@app.example/cb",
            "http://evil.example@localhost/cb",
            "myapp://user@callback/cb"})
    void handleWhenUserinfoThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "vbscript:msgbox(1)"})
    void handleWhenDangerousSchemeThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https:///cb",
            "https:cb",
            "https://",
            "http://:80/cb",
            "http:/cb"})
    void handleWhenHttpUriWithoutHostThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example/ cb",
            "https://app.example/\tcb",
            "https://app.example/cb\n",
            "https://exämple.example/cb",
            "https://app.example/%zz",
            "https://app.example/<cb>",
            "1app://cb",
            "my_app://cb",
            "https://app.example/cb\u0000"})
    void handleWhenNotAValidAsciiUriThenInvalidRedirectUri(String uri) {
        assertInvalid(uri);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void handleWhenUriNullOrEmptyThenInvalidRedirectUri(String uri) {
        assertThrows(OAuthException.class, () -> validator.validate(Collections.singletonList(uri)));
    }

    @Test
    void handleWhenUriLongerThanLimitThenInvalidRedirectUri() {
        String atLimit = "https://app.example/" + "a".repeat(200 - "https://app.example/".length());
        assertEquals(List.of(atLimit), validator.validate(List.of(atLimit)));
        assertInvalid(atLimit + "a");
    }

    @Test
    void handleWhenMoreUrisThanLimitThenInvalidRedirectUri() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            uris.add("https://app.example/cb" + i);
        }
        assertEquals(5, validator.validate(uris.subList(0, 5)).size());
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(uris));
        assertEquals(OAuthError.INVALID_REDIRECT_URI, e.error());
    }

    @Test
    void handleWhenDuplicatesThenKeptOnceInFirstOrder() {
        assertEquals(List.of("https://b.example/cb", "https://a.example/cb"), validator.validate(
                List.of("https://b.example/cb", "https://a.example/cb", "https://b.example/cb")));
    }

    @Test
    void handleWhenNoUrisThenEmpty() {
        assertTrue(validator.validate(List.of()).isEmpty());
        assertTrue(validator.validate(null).isEmpty());
    }

    @Test
    void handleWhenOneOfSeveralInvalidThenWholeListRefused() {
        assertThrows(OAuthException.class, () -> validator.validate(
                Arrays.asList("https://a.example/cb", "http://a.example/cb")));
    }

    @Test
    void handleWhenRefusedThenDescriptionNamesUriButStaysShort() {
        String longUri = "http://app.example/" + "x".repeat(150);
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(List.of(longUri)));
        assertTrue(e.description().contains("http://app.example/"));
        assertFalse(e.description().contains(longUri));
        assertEquals(400, e.status());
    }

    private void assertInvalid(String uri) {
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(List.of(uri)), uri);
        assertEquals(OAuthError.INVALID_REDIRECT_URI, e.error(), uri);
    }
}
