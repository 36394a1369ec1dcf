package org.gatehouse.resource.transport;

import org.gatehouse.testing.TrustedProxiesContract;

/** This service honours the trusted proxy's forwarded headers as its siblings do, from addresses and CIDRs only. */
class TrustedProxiesTest extends TrustedProxiesContract {
}
