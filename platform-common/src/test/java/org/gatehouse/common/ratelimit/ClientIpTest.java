package org.gatehouse.common.ratelimit;

import org.gatehouse.common.ratelimit.ClientIp.TrustedProxies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Trust boundaries in Kubernetes: the client is the right-most {@code X-Forwarded-For} address that is not a trusted
 * proxy's, never the left-most one a client can write itself. The end-to-end case (limits count the real client
 * through a proxy) is registration-service's {@code RegistrationRateLimitTest}.
 */
class ClientIpTest {

    private static final TrustedProxies INGRESS_AND_EDGE = new TrustedProxies("127.0.0.1,::1/128,10.42.0.0/16");
    private static final String EDGE = "127.0.0.1";

    @Test
    void walkWhenClientForgesLeftMostEntryThenAddressTheProxyAppendedWins() {
        assertEquals("198.51.100.7", ClientIp.walk(List.of("203.0.113.66, 198.51.100.7"), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenSeveralTrustedProxiesAppendedThenTheirAddressesSkipped() {
        assertEquals("198.51.100.7",
                ClientIp.walk(List.of("203.0.113.66, 198.51.100.7, 10.42.3.4", "10.42.9.9"), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenPrivateAddressOutsideTrustedRangesThenItIsTheClient() {
        assertEquals("10.7.0.5", ClientIp.walk(List.of("203.0.113.66, 10.7.0.5"), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenNoHeaderThenTheTrustedPeerItself() {
        assertEquals(EDGE, ClientIp.walk(List.of(), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenEveryEntryTrustedThenTheFarthestProxy() {
        assertEquals("10.42.0.1", ClientIp.walk(List.of("10.42.0.1, 127.0.0.1"), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenEntryIsNoAddressThenTheHopThatPassedItOn() {
        assertEquals("10.42.3.4", ClientIp.walk(List.of("198.51.100.7, unknown, 10.42.3.4"), EDGE, INGRESS_AND_EDGE));
        assertEquals(EDGE, ClientIp.walk(List.of("evil.example"), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenEntriesCarryPortsOrBracketsThenAddressOnlyInCanonicalForm() {
        assertEquals("198.51.100.7", ClientIp.walk(List.of("198.51.100.7:41234"), EDGE, INGRESS_AND_EDGE));
        assertEquals("2001:db8:0:0:0:0:0:7", ClientIp.walk(List.of("[2001:db8::7]:443"), EDGE, INGRESS_AND_EDGE));
        assertEquals("2001:db8:0:0:0:0:0:7", ClientIp.walk(List.of("2001:DB8:0::7"), EDGE, INGRESS_AND_EDGE));
    }

    @Test
    void walkWhenNoTrustedProxiesConfiguredThenOnlyThePeerTrustedAndRightMostEntryWins() {
        TrustedProxies anyPeer = new TrustedProxies(null);
        assertEquals("10.42.3.4", ClientIp.walk(List.of("203.0.113.66, 198.51.100.7, 10.42.3.4"), "10.42.0.9",
                anyPeer));
    }
}
