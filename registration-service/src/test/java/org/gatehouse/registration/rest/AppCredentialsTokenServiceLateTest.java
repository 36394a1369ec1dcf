package org.gatehouse.registration.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.testing.TestAccessTokens;
import org.gatehouse.registration.testing.LateTokenService;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The service must start, and serve its open endpoints, while token-service is still down; meanwhile protected
 * endpoints answer 503 (the token is not known to be bad) and readiness stays DOWN (a replica that has never read
 * the revoked-token denylist could not refuse a revoked token), and both recover once token-service answers, without
 * a restart.
 */
@QuarkusTest
@TestProfile(AppCredentialsTokenServiceLateTest.TokenServiceNotUpYet.class)
class AppCredentialsTokenServiceLateTest {

    /** Points quarkus-oidc at a port nothing listens on until the test starts the JWKS there. */
    public static class TokenServiceNotUpYet implements QuarkusTestProfile {

        private static final String PORT_PROPERTY = "gatehouse.test.late-token-service-port";

        /**
         * Kept in a system property: Quarkus loads this profile in more than one class loader, and each would
         * otherwise draw its own port.
         */
        static synchronized int port() {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                port = String.valueOf(LateTokenService.freePort());
                System.setProperty(PORT_PROPERTY, port);
            }
            return Integer.parseInt(port);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + port(),
                    "quarkus.rest-client.token.url", "http://127.0.0.1:" + port());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void handleWhenTokenServiceStartsAfterUsThenTokensVerifyOnceItIsUp() {
        ManagementInterface.given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'revoked-token-denylist' }.status", equalTo("DOWN"));
        TestApps.App app = TestApps.registerDefault();
        String token = TestAccessTokens.valid(app.clientId(), "read");

        given().auth().oauth2(token).when().get("/api/v1/apps/verify_credentials")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"));

        try (LateTokenService tokenService = LateTokenService.startAt(TokenServiceNotUpYet.port())) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().auth().oauth2(token).when().get("/api/v1/apps/verify_credentials")
                            .then().statusCode(200)
                            .body("name", equalTo("Test app")));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    ManagementInterface.given().when().get("/q/health/ready").then().statusCode(200));
        }
    }
}
