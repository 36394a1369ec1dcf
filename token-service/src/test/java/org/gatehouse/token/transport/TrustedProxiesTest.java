package org.gatehouse.token.transport;

import org.gatehouse.testing.TrustedProxiesContract;

/** This service's trusted proxies are addresses and CIDRs, never host names looked up per request. */
class TrustedProxiesTest extends TrustedProxiesContract {
}
