package org.gatehouse.testing;

import io.quarkus.runtime.configuration.CidrAddressConverter;
import io.quarkus.runtime.configuration.InetSocketAddressConverter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quarkus.http.proxy.trusted-proxies} in a service's application.properties holds addresses and CIDRs only.
 * Quarkus turns every entry that is not an address into a host name that it resolves through DNS for every request
 * (ForwardedProxyHandler); a bare IPv6 literal such as {@code ::1} is read as {@code host:port} and becomes the host
 * name {@code ":"}. On a machine with a slow resolver that stalled one request in a few for seconds (found by
 * bench/, authorization_code scenario).
 * <p>
 * Every service sits behind the same ingress (or local edge) and judges "HTTPS required" by the
 * {@code X-Forwarded-Proto} it sends, so the four services' {@code quarkus.http.proxy.*} settings are one setting:
 * forwarding on, the same trusted proxies. A service left out once refused every request that did arrive over TLS.
 * Each of the four services extends this with a plain test class.
 */
public abstract class TrustedProxiesContract {

    /** The four services, whose modules sit side by side under the repository root. */
    private static final List<String> SERVICES =
            List.of("registration-service", "authorization-service", "token-service", "resource-service");

    @Test
    void trustedProxiesWhenConfiguredThenAddressesOrCidrsNeverHostNames() throws IOException {
        Properties properties = ownProperties();
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

    /**
     * Trust boundaries in Kubernetes: trusting every RFC 1918 range let any pod of the cluster (the monitoring
     * namespace's, say) send {@code X-Forwarded-For}/{@code -Proto} and pick the address its limits are counted under
     * or pass the HTTPS check over plain HTTP. By default only loopback (the local edge) is trusted; a deployment
     * names its ingress (Helm {@code proxy.trustedProxies}).
     */
    @Test
    void trustedProxiesWhenDefaultThenLoopbackOnly() throws IOException {
        String value = ownProperties().getProperty("quarkus.http.proxy.trusted-proxies");
        assertNotNull(value, "quarkus.http.proxy.trusted-proxies is set");
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            InetAddress address = trimmed.matches(".+/\\d+")
                    ? new CidrAddressConverter().convert(trimmed).getNetworkAddress()
                    : new InetSocketAddressConverter().convert(trimmed).getAddress();
            assertTrue(address != null && address.isLoopbackAddress(), () -> trimmed + " is not loopback");
            if (trimmed.contains("/")) {
                int bits = Integer.parseInt(trimmed.substring(trimmed.indexOf('/') + 1));
                int loopbackBits = address instanceof Inet4Address ? 8 : 128;
                assertTrue(bits >= loopbackBits, () -> trimmed + " reaches beyond loopback");
            }
        }
    }

    @Test
    void forwardedHeadersWhenConfiguredThenHonouredAlikeByAllFourServices() throws IOException {
        Map<String, String> own = proxySettings(ownProperties());
        assertEquals("true", own.get("quarkus.http.proxy.proxy-address-forwarding"), "forwarding on");
        assertEquals("true", own.get("quarkus.http.proxy.allow-x-forwarded"), "X-Forwarded-* honoured");
        // Tests run in the module's directory; the siblings' sources are next to it.
        for (String service : SERVICES) {
            Path file = Path.of("..", service, "src", "main", "resources", "application.properties");
            Properties sibling = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                sibling.load(in);
            }
            assertEquals(own, proxySettings(sibling), service + "'s quarkus.http.proxy.* differ from this service's");
        }
    }

    private Properties ownProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            assertNotNull(in, "application.properties on the classpath");
            properties.load(in);
        }
        return properties;
    }

    /** Every {@code quarkus.http.proxy.*} key of the file, profile-prefixed ones included. */
    private static Map<String, String> proxySettings(Properties properties) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.replaceFirst("^%[^.]+\\.", "").startsWith("quarkus.http.proxy.")) {
                settings.put(key, properties.getProperty(key).trim());
            }
        }
        return settings;
    }
}
