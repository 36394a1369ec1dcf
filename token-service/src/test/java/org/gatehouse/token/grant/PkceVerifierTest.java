package org.gatehouse.token.grant;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PkceVerifierTest {

    /** RFC 7636 Appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void verifyWhenVerifierHashesToChallengeThenPasses() {
        assertEquals(CHALLENGE, PkceVerifier.s256(VERIFIER));
        assertDoesNotThrow(() -> PkceVerifier.verify(CHALLENGE, "S256", VERIFIER, true));
    }

    @Test
    void verifyWhenVerifierDiffersThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.verify(CHALLENGE, "S256", VERIFIER.replace('d', 'e'), false));
    }

    @Test
    void verifyWhenVerifierMissingThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.verify(CHALLENGE, "S256", null, false));
    }

    @Test
    void verifyWhenVerifierTooShortOrOutsideUnreservedSetThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.verify(CHALLENGE, "S256", "a".repeat(42), false));
        assertInvalidGrant(() -> PkceVerifier.verify(CHALLENGE, "S256", "a".repeat(129), false));
        assertInvalidGrant(() -> PkceVerifier.verify(CHALLENGE, "S256", "a".repeat(42) + "/", false));
    }

    @Test
    void verifyWhenChallengeMethodPlainOrAbsentThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.verify(VERIFIER, "plain", VERIFIER, false));
        assertInvalidGrant(() -> PkceVerifier.verify(VERIFIER, null, VERIFIER, false));
    }

    @Test
    void verifyWhenVerifierSentWithoutChallengeThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.verify(null, null, VERIFIER, false));
    }

    @Test
    void verifyWhenNoPkceAndConfidentialClientThenPasses() {
        assertDoesNotThrow(() -> PkceVerifier.verify(null, null, null, false));
    }

    @Test
    void verifyWhenNoPkceAndPublicClientThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.verify(null, null, null, true));
    }

    private static void assertInvalidGrant(Executable check) {
        assertEquals(OAuthError.INVALID_GRANT, assertThrows(OAuthException.class, check).error());
    }
}
