package org.gatehouse.registration.health;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probes, metrics and OpenAPI every service serves (ARCHITECTURE.md "One public origin"). */
@QuarkusTest
class ObservabilityEndpointsTest {

    @Test
    void handleWhenProbedThenLiveAndReadyWithDatabase() {
        ManagementInterface.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        ManagementInterface.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * Trust boundaries in Kubernetes: the probes and Prometheus used the application port, so the monitoring
     * namespace could reach the public and /internal APIs as well. Health and metrics live on the management
     * interface only.
     */
    @Test
    void handleWhenProbedOrScrapedOnTheApplicationPortThenNotFound() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void handleWhenScrapedThenPrometheusText() {
        ManagementInterface.given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void handleWhenOpenApiRequestedThenPublicEndpointsDescribed() {
        ManagementInterface.given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/apps"))
                .body(containsString("/api/v1/apps/verify_credentials"))
                .body(containsString("/register"))
                .body(containsString("/api/v1/developer/apps"));
    }

    /** p95/p99 in Prometheus need buckets: every request's latency lands in the fixed service-level buckets. */
    @Test
    void handleWhenRequestServedThenLatencyHistogramWithServiceLevelBucketsTaggedWithTheService() {
        given().accept("text/html").get("/signup").then().statusCode(200);

        Matcher bucket = Pattern.compile("(?m)^http_server_requests_seconds_bucket\\{application=\"registration-service\","
                + "[^}]*uri=\"/signup\",le=\"([^\"]+)\"}").matcher(scrape());
        List<String> bounds = bucket.results().map(match -> match.group(1)).distinct().toList();
        assertEquals(List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"),
                bounds);
    }

    /**
     * Metric cardinality from the caller's side: a request refused before any route matched (here a broken escape in
     * the path) was labelled with its raw path, so each invented path made a new series (and the first hundred would
     * crowd out the real endpoints). Such a 4xx is labelled {@code uri="UNKNOWN"}.
     */
    @Test
    void handleWhenRequestTargetRefusedBeforeRoutingThenUriLabelUnknownNotTheRawPath() {
        String invented = "cardinality" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            HostileHttp.Reply reply = HostileHttp.sendRaw(RestAssured.baseURI + ":" + RestAssured.port, "GET",
                    ("/api/v1/apps/%ZZ" + invented + i).getBytes(StandardCharsets.US_ASCII), Map.of(), new byte[0]);
            assertEquals(400, reply.status(), reply.body());
        }

        String metrics = scrape();
        assertFalse(metrics.contains(invented), "a client-chosen path became a label value");
        assertTrue(Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"400\",uri=\"UNKNOWN\"}")
                .matcher(metrics).find(), "the refusals are still counted, under one label");
    }

    /** What the dashboard and the alerts read besides HTTP: readiness, the connection pool, Hibernate, the caches. */
    @Test
    void handleWhenScrapedThenReadinessPoolHibernateAndCacheMetricsExported() {
        String metrics = scrape();
        assertTrue(metrics.contains("gatehouse_ready{application=\"registration-service\"} 1.0"), "ready gauge");
        for (String name : List.of("agroal_active_count", "agroal_available_count", "agroal_awaiting_count",
                "hibernate_sessions_open_total", "cache_gets_total", "gatehouse_revocation_feed_age_seconds",
                "jvm_memory_used_bytes")) {
            assertTrue(Pattern.compile("(?m)^" + name + "\\{application=\"registration-service\"").matcher(metrics).find(),
                    name + " not exported");
        }
    }

    private static String scrape() {
        return ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
