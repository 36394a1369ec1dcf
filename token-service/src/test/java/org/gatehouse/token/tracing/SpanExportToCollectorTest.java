package org.gatehouse.token.tracing;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gatehouse.token.support.CollectorDouble;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With an OTLP endpoint configured (Helm {@code tracing.otlpEndpoint}), the spans of a request reach that collector:
 * the trace of the caller's {@code traceparent}, named after the service and the route, its JDBC statements included.
 * Work outside requests (Flyway and the signing keys at startup, scheduled jobs) is not recorded, so nothing reaches the
 * collector before the first request.
 */
@QuarkusTest
@TestProfile(SpanExportToCollectorTest.WithCollector.class)
class SpanExportToCollectorTest {

    public static class WithCollector implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CollectorDouble.class));
        }
    }

    @Test
    void exportWhenEndpointConfiguredThenOnlyTheRequestsSpansReachTheCollector() throws Exception {
        // Several export intervals (quarkus.otel.bsp.schedule.delay in the test profile) since startup.
        Thread.sleep(1500);
        assertEquals(0, CollectorDouble.exports(), "exports before any request (startup and scheduled work)");
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        String traceId = HexFormat.of().formatHex(random);

        OAuthRequests.as(TestClients.BASIC_ID, TestClients.BASIC_SECRET)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200);

        // The server span ends last, so it may come in a later batch than the request's JDBC spans.
        String exported = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> text(CollectorDouble.exportOf(traceId)), text -> text.contains("POST /oauth/token"));
        assertTrue(exported.contains("token-service"), "service.name of the resource");
        assertTrue(exported.contains("SELECT"), "the request's JDBC statements are spans of the trace");
    }

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
    }
}
