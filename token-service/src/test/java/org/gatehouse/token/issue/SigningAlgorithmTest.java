package org.gatehouse.token.issue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningAlgorithmTest {

    @Test
    void fromConfigWhenEs256ThenEs256() {
        assertEquals(SigningAlgorithm.ES256, SigningAlgorithm.fromConfig("ES256"));
    }

    @Test
    void fromConfigWhenRs256ThenRs256() {
        assertEquals(SigningAlgorithm.RS256, SigningAlgorithm.fromConfig("RS256"));
    }

    @Test
    void fromConfigWhenNotImplementedThenStartupFailsListingSupported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningAlgorithm.fromConfig("PS256"));

        assertTrue(e.getMessage().contains("PS256"));
        assertTrue(e.getMessage().contains("ES256"));
        assertTrue(e.getMessage().contains("RS256"));
    }
}
