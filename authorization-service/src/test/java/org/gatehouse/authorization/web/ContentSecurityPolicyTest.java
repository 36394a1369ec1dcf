package org.gatehouse.authorization.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentSecurityPolicyTest {

    @Test
    void handleWhenRedirectUriIsWebThenItsOriginAllowedAsFormTarget() {
        assertEquals(Optional.of("https://app.example"), ContentSecurityPolicy.sourceOf("https://app.example/cb?x=1"));
        assertEquals(Optional.of("http://127.0.0.1:5000"), ContentSecurityPolicy.sourceOf("http://127.0.0.1:5000/cb"));
        assertEquals(Optional.of("com.example.app:"), ContentSecurityPolicy.sourceOf("com.example.app:/oauth"));
        assertTrue(ContentSecurityPolicy.allowingRedirectTo("https://app.example/cb")
                .contains("form-action 'self' https://app.example;"));
    }

    @Test
    void handleWhenRedirectUriIsOutOfBandOrOddThenDefaultPolicy() {
        assertEquals(ContentSecurityPolicy.DEFAULT, ContentSecurityPolicy.allowingRedirectTo("urn:ietf:wg:oauth:2.0:oob"));
        assertEquals(ContentSecurityPolicy.DEFAULT, ContentSecurityPolicy.allowingRedirectTo("not a uri"));
        assertEquals(ContentSecurityPolicy.DEFAULT, ContentSecurityPolicy.allowingRedirectTo("/relative"));
    }
}
