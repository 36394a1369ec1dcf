package org.gatehouse.common.redirect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedirectUriPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/cb", "http://127.0.0.1:1/cb", "http://127.0.0.1:8080/cb",
            "http://127.0.0.1:65535/cb", "http://[::1]/cb", "http://[::1]:9000/cb", "https://app.example/cb",
            "com.example.app:/oauth", "urn:ietf:wg:oauth:2.0:oob", "myapp://callback"})
    void isValidWhenNoPortOrOneToFiveDigitsWithoutLeadingZeroThenTrue(String uri) {
        assertTrue(RedirectUriPort.isValid(URI.create(uri)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999/cb", "http://127.0.0.1:65536/cb", "http://127.0.0.1:0/cb",
            "http://127.0.0.1:04000/cb", "http://127.0.0.1:00/cb", "http://127.0.0.1:/cb", "http://[::1]:0/cb",
            "http://[::1]:099/cb", "http://[::1]:/cb", "https://app.example:99999/cb"})
    void isValidWhenPortOutOfRangeZeroPaddedOrEmptyThenFalse(String uri) {
        assertFalse(RedirectUriPort.isValid(URI.create(uri)));
    }
}
