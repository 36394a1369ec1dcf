package org.gatehouse.token.endpoint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {

    @Test
    void ofWhenForwardedForHasSeveralHopsThenFirstHop() {
        assertEquals("203.0.113.7", ClientAddress.of("203.0.113.7, 10.0.0.1, 10.0.0.2", null));
    }

    @Test
    void ofWhenFirstHopCarriesPortThenPortDropped() {
        assertEquals("203.0.113.7", ClientAddress.of("203.0.113.7:5678", null));
        assertEquals("2001:db8::1", ClientAddress.of("[2001:db8::1]:443, 10.0.0.1", null));
        assertEquals("2001:db8::1", ClientAddress.of("2001:db8::1", null));
    }

    @Test
    void ofWhenFirstHopIsNotAnAddressThenPeerAddress() {
        assertEquals("unknown", ClientAddress.of("<script>, 10.0.0.1", null));
        assertEquals("unknown", ClientAddress.of(null, null));
    }
}
