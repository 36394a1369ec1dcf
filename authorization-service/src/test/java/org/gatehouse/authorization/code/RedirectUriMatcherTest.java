package org.gatehouse.authorization.code;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedirectUriMatcherTest {

    private static final List<String> REGISTERED = List.of("https://app.example/cb", "http://127.0.0.1/native",
            "http://[::1]:9000/v6", "http://localhost:7000/named", "com.example.app:/oauth", RedirectUriMatcher.OUT_OF_BAND);

    @Test
    void handleWhenExactMatchThenAccepted() {
        for (String uri : REGISTERED) {
            assertEquals(Optional.of(uri), RedirectUriMatcher.match(REGISTERED, uri));
        }
    }

    @Test
    void handleWhenLoopbackPortDiffersThenAccepted() {
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://127.0.0.1:51004/native").isPresent());
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://[::1]:1234/v6").isPresent());
    }

    @Test
    void handleWhenAnythingButTheLoopbackPortDiffersThenRefused() {
        for (String uri : List.of("https://app.example/cb/", "https://app.example/cb?x=1", "https://APP.example/cb",
                "https://app.example:443/cb", "https://app.example/cb#f", "http://app.example/cb",
                "http://127.0.0.1:51004/native/x", "http://127.0.0.1:51004/native?x", "https://127.0.0.1/native",
                "http://127.0.0.2/native", "http://user@127.0.0.1:5/native", "com.example.app:/oauth2",
                "com.example.evil:/oauth", "urn:ietf:wg:oauth:2.0:oob:auto", "")) {
            assertTrue(RedirectUriMatcher.match(REGISTERED, uri).isEmpty(), uri);
        }
    }

    /** Any loopback port, but a port: 1 to 65535 in canonical decimal, as registration requires. */
    @Test
    void matchWhenLoopbackPortOutOfRangeZeroOrNotCanonicalThenRefused() {
        for (String uri : List.of("http://127.0.0.1:99999/native", "http://127.0.0.1:0/native",
                "http://127.0.0.1:04000/native", "http://127.0.0.1:65536/native", "http://127.0.0.1:/native",
                "http://[::1]:99999/v6", "http://[::1]:0/v6", "http://[::1]:09000/v6")) {
            assertTrue(RedirectUriMatcher.match(REGISTERED, uri).isEmpty(), uri);
        }
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://127.0.0.1:65535/native").isPresent());
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://127.0.0.1:1/native").isPresent());
    }

    /**
     * {@code localhost} is not loopback for the port-agnostic rule (RFC 8252 §8.3): whatever the name resolves to on
     * the user's machine could take the code on another port; only an exact match is accepted.
     */
    @Test
    void handleWhenLocalhostPortDiffersThenRefused() {
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://localhost:7000/named").isPresent());
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://localhost:7001/named").isEmpty());
        assertTrue(RedirectUriMatcher.match(REGISTERED, "http://localhost/named").isEmpty());
    }
}
