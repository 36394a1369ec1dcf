package org.gatehouse.resource.bearer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.ManagementInterface;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The denylist failed open: a new replica enforced no revocation until its first successful poll, failed polls were
 * logged at DEBUG only, and while token-service was unreachable nothing revoked after the last poll was refused. Here
 * token-service's feed starts down, comes up, and goes down again.
 */
@QuarkusTest
@TestProfile(DenylistFailClosedTest.ShortBounds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DenylistFailClosedTest {

    private static final String PATH = "/api/v1/nodes";
    private static final String GAUGE = "gatehouse_revocation_feed_age_seconds";

    /**
     * Its own token-service double, whose feed starts down, and only it: beside the other classes' global one, which
     * answers at once, either could have been the token-service this run polled.
     */
    public static class ShortBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.revocation.stale-after", "2s",
                    "gatehouse.revocation.max-staleness", "4s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedPostgresResource.class),
                    new TestResourceEntry(TestJwksResource.class,
                            Map.of(TestJwksResource.DENYLIST_FEED_STARTS_DOWN, "true")),
                    new TestResourceEntry(SiblingDoubles.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    @Order(1)
    void readinessWhenDenylistNeverPolledThenDownUntilTheFirstSuccessfulPoll() {
        ManagementInterface.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'revoked-token-denylist' }.status", equalTo("DOWN"));

        TestJwksResource.denylistFeedDown(false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ManagementInterface.given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'revoked-token-denylist' }.status", equalTo("UP")));
        nodes(issuedAt(Instant.now())).then().statusCode(200);
    }

    @Test
    @Order(2)
    void nodesWhenFeedStaleBeyondTheBoundThenTokensIssuedAfterTheLastPollRefusedOlderOnesServed() {
        await().atMost(Duration.ofSeconds(15)).until(() -> gauge() <= 2);
        Instant beforeOutage = Instant.now().minusSeconds(5);
        try (WarnLines warnings = WarnLines.capture()) {
            TestJwksResource.denylistFeedDown(true);
            // Within the bound the list still speaks for every token.
            nodes(issuedAt(Instant.now())).then().statusCode(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> gauge() > 4);
            Response refused = nodes(issuedAt(Instant.now()));
            refused.then().statusCode(401)
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("error", equalTo("invalid_token"));
            // Issued before the last successful poll: that poll covered it.
            nodes(issuedAt(beforeOutage)).then().statusCode(200);
            assertTrue(warnings.lines().stream().anyMatch(line -> line.contains("denylist is stale")),
                    "WARN while stale: " + warnings.lines());
            assertEquals(1, warnings.lines().stream().filter(line -> line.contains("denylist is stale")).count(),
                    "one WARN, not one per failed poll: " + warnings.lines());
        } finally {
            TestJwksResource.denylistFeedDown(false);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> nodes(issuedAt(Instant.now())).then()
                .statusCode(200));
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(3)
    void metricsWhenScrapedThenFeedAgeGaugeExported() {
        ManagementInterface.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE " + GAUGE + " gauge"));
        assertTrue(gauge() >= 0 && gauge() < 10, "age " + gauge());
    }

    private static String issuedAt(Instant iat) {
        return TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "read")
                .issuedAt(iat.getEpochSecond()));
    }

    private static Response nodes(String token) {
        return given().auth().oauth2(token).get(PATH);
    }

    private static double gauge() {
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(GAUGE + " ") || line.startsWith(GAUGE + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(GAUGE + " not exported"));
    }

    /** WARN lines of platform-common's revocation package while open. */
    private static final class WarnLines extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger("org.gatehouse.common.revocation");
        private final List<String> lines = new CopyOnWriteArrayList<>();

        static WarnLines capture() {
            WarnLines capture = new WarnLines();
            capture.logger.addHandler(capture);
            return capture;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        List<String> lines() {
            return lines;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
