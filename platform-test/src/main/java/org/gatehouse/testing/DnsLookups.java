package org.gatehouse.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Proves a service makes no DNS lookup while serving requests. Quarkus resolves every
 * {@code quarkus.http.proxy.trusted-proxies} entry it does not read as an IP address or CIDR (a host name, or a bare
 * IPv6 address such as {@code ::1}, read as host ":" port 1) on every request, with a new DNS client each time: 1–2 ms
 * of CPU, and a 5 s stall whenever the resolver drops a query (bench/observations.md). A test runs with
 * {@link OnLoopbackRecorder} so the service's Vert.x resolver asks a {@link DnsQueryRecorder}, then calls
 * {@link #assertNoneWhileServing}.
 */
public final class DnsLookups {

    private static final String PROBE = "probe.gatehouse.test";

    private DnsLookups() {
    }

    /** Points the service's Vert.x resolver at the recorder's port. */
    public static class OnLoopbackRecorder implements QuarkusTestProfile {

        private static final String PORT_PROPERTY = "gatehouse.test.dns-recorder-port";

        /** In a system property: Quarkus loads this profile in more than one class loader. */
        static synchronized int port() {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                port = String.valueOf(DnsQueryRecorder.freePort());
                System.setProperty(PORT_PROPERTY, port);
            }
            return Integer.parseInt(port);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.resolver.servers", "127.0.0.1:" + port());
        }
    }

    /**
     * @param resolveWithService looks a name up with the service's own Vert.x resolver, e.g.
     *                           {@code name -> vertx.createDnsClient().resolveA(name).toCompletionStage()}
     * @param serveRequests      sends the requests (each through a trusted-proxy check: with X-Forwarded-For)
     */
    public static void assertNoneWhileServing(Function<String, CompletionStage<?>> resolveWithService,
                                              Runnable serveRequests) throws Exception {
        try (DnsQueryRecorder dns = DnsQueryRecorder.startAt(OnLoopbackRecorder.port())) {
            // A lookup of our own reaches the recorder, so the unchanged list below means "none", not "not seen".
            resolveWithService.apply(PROBE).toCompletableFuture()
                    .handle((answer, nxdomain) -> answer).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(PROBE), dns.names());

            serveRequests.run();

            assertEquals(List.of(PROBE), dns.names(), "DNS queries made while serving the requests");
        }
    }
}
