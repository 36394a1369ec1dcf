package org.gatehouse.token.grant;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The verifier's half; the comparison with the code's challenge is covered by {@code AuthorizationCodeFlowTest}. */
class PkceVerifierTest {

    /** RFC 7636 Appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void challengeOfWhenRfcExampleVerifierThenRfcExampleChallenge() {
        assertEquals(CHALLENGE, PkceVerifier.challengeOf(VERIFIER));
    }

    @Test
    void challengeOfWhenVerifierAbsentThenNull() {
        assertNull(PkceVerifier.challengeOf(null));
    }

    @Test
    void challengeOfWhenVerifierTooShortTooLongOrOutsideUnreservedSetThenInvalidGrant() {
        assertInvalidGrant(() -> PkceVerifier.challengeOf("a".repeat(42)));
        assertInvalidGrant(() -> PkceVerifier.challengeOf("a".repeat(129)));
        assertInvalidGrant(() -> PkceVerifier.challengeOf("a".repeat(42) + "/"));
    }

    private static void assertInvalidGrant(Executable check) {
        assertEquals(OAuthError.INVALID_GRANT, assertThrows(OAuthException.class, check).error());
    }
}
