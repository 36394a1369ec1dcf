package org.gatehouse.testing;

import io.quarkus.runtime.configuration.CidrAddressConverter;
import io.quarkus.runtime.configuration.InetSocketAddressConverter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code quarkus.http.proxy.trusted-proxies} in a service's application.properties holds addresses and CIDRs only.
 * Quarkus turns every entry that is not an address into a host name that it resolves through DNS for every request
 * (ForwardedProxyHandler); a bare IPv6 literal such as {@code ::1} is read as {@code host:port} and becomes the host
 * name {@code ":"}. On a machine with a slow resolver that stalled one request in a few for seconds (found by
 * bench/, authorization_code scenario). Each service that trusts a proxy extends this with a plain test class.
 */
public abstract class TrustedProxiesContract {

    @Test
    void trustedProxiesWhenConfiguredThenAddressesOrCidrsNeverHostNames() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            assertNotNull(in, "application.properties on the classpath");
            properties.load(in);
        }
        String value = properties.getProperty("quarkus.http.proxy.trusted-proxies");
        assertNotNull(value, "quarkus.http.proxy.trusted-proxies is set");
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            // The same split as Quarkus' TrustedProxyCheckPartConverter: "address/bits" is a CIDR, anything else
            // host-or-address[:port].
            if (trimmed.matches(".+/\\d+")) {
                assertDoesNotThrow(() -> new CidrAddressConverter().convert(trimmed), trimmed);
            } else {
                InetSocketAddress address = new InetSocketAddressConverter().convert(trimmed);
                assertFalse(address.isUnresolved(), () -> "'" + trimmed + "' is read as host name '"
                        + address.getHostString() + "' (a DNS lookup per request); write an IPv6 address as a CIDR");
            }
        }
    }
}
