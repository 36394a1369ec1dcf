package org.gatehouse.token.remote;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.support.RegistrationDouble;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real rest client, cache, retry and circuit breaker against the registration-service double. */
@QuarkusTest
class RegistrationGatewayTest {

    @Inject
    RegistrationGateway gateway;

    @Inject
    CircuitBreakerMaintenance breakers;

    @ConfigProperty(name = RegistrationDouble.URL_PROPERTY)
    String registrationUrl;

    @Test
    void findClientWhenRegisteredThenClientWithContractFields() {
        RegisteredClient client = gateway.findClient(TestClients.MASTODON_ID).orElseThrow();

        assertEquals(TestClients.MASTODON_ID, client.clientId());
        assertTrue(client.grantTypes().contains("client_credentials"));
        assertEquals(1, client.secretHashes().size());
    }

    @Test
    void findClientWhenLookedUpRepeatedlyThenRegistrationCalledOnceWhileCached() {
        String clientId = "cached-" + System.nanoTime();
        put(TestClients.client(clientId).secret("s"));

        gateway.findClient(clientId);
        gateway.findClient(clientId);
        gateway.findClient(clientId);

        assertEquals(1, calls(clientId));
    }

    @Test
    void findClientWhenUnknownThenEmptyAndTheAnswerIsCachedToo() {
        String clientId = "unknown-" + System.nanoTime();

        assertTrue(gateway.findClient(clientId).isEmpty());
        assertTrue(gateway.findClient(clientId).isEmpty());

        assertEquals(1, calls(clientId));
    }

    @Test
    void handleWhenClientDeletedThenRefusedWithinFiveSeconds() {
        String clientId = "deleted-" + System.nanoTime();
        put(TestClients.client(clientId).secret("secret-of-deleted"));
        token(clientId, "secret-of-deleted").then().statusCode(200);

        given().delete(registrationUrl + "/_fixture/clients/" + clientId).then().statusCode(204);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> token(clientId, "secret-of-deleted").statusCode() == 401);
    }

    @Test
    void handleWhenSecretRotatedAwayThenOldSecretRefusedWithinFiveSeconds() {
        String clientId = "rotating-" + System.nanoTime();
        put(TestClients.client(clientId).secret("first-secret"));
        token(clientId, "first-secret").then().statusCode(200);

        put(TestClients.client(clientId).secret("second-secret"));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> token(clientId, "first-secret").statusCode() == 401);
        token(clientId, "second-secret").then().statusCode(200);
    }

    @Test
    void handleWhenRegistrationFailsThenTemporarilyUnavailableWithRetryAfter() {
        token(TestClients.FAILING_ID, "any-secret")
                .then()
                .statusCode(503)
                .contentType(ContentType.JSON)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"));
    }

    @Test
    void handleWhenRegistrationTooSlowThenTemporarilyUnavailableAfterTheReadTimeoutAndOneRetry() {
        int before = calls(TestClients.SLOW_ID);
        long start = System.nanoTime();

        token(TestClients.SLOW_ID, "any-secret")
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"));

        // The double answers after 15 s (and would say 404); a 503 well before proves the 3 s read timeout, and
        // the timeout was retried once (idempotent GET).
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 11_000);
        assertEquals(2, calls(TestClients.SLOW_ID) - before);
    }

    @Test
    void handleWhenFirstLookupDropsTheConnectionThenRetriedAndAccessToken() {
        String clientId = "flaky-" + System.nanoTime();
        put(TestClients.client(clientId).secret("flaky-secret"));
        given().post(registrationUrl + "/_fixture/drop/" + clientId + "?times=1").then().statusCode(204);

        token(clientId, "flaky-secret").then().statusCode(200).body("access_token", notNullValue());

        assertEquals(2, calls(clientId));
    }

    @Test
    void handleWhenLookupKeepsFailingThenOnlyOneRetryAndTemporarilyUnavailable() {
        String clientId = "dropping-" + System.nanoTime();
        put(TestClients.client(clientId).secret("dropping-secret"));
        given().post(registrationUrl + "/_fixture/drop/" + clientId + "?times=5").then().statusCode(204);

        token(clientId, "dropping-secret").then().statusCode(503).body("error", equalTo("temporarily_unavailable"));

        assertEquals(2, calls(clientId));
    }

    @Test
    void findClientWhenRegistrationAnswersAnErrorThenNotRetried() {
        int before = calls(TestClients.FAILING_ID);

        assertThrows(OAuthException.class, () -> gateway.findClient(TestClients.FAILING_ID));

        assertEquals(1, calls(TestClients.FAILING_ID) - before);
    }

    @Test
    void handleWhenRegistrationDownThenCircuitOpensAnswersFastWithRetryAfterAndRecovers() {
        given().post(registrationUrl + "/_fixture/clients-down").then().statusCode(204);
        try {
            // Every lookup fails (each one retried once) until the breaker opens and lookups stop reaching the double.
            String probe = "down-probe";
            int lastCalls = -1;
            for (int i = 0; i < 20 && calls(probe) != lastCalls; i++) {
                lastCalls = calls(probe);
                token(probe, "any-secret").then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
            }
            assertEquals(CircuitBreakerState.OPEN, breakers.currentState(RegistrationGateway.CLIENT_LOOKUP_BREAKER));
            int callsWhileOpen = calls(probe);

            long start = System.nanoTime();
            token(probe, "any-secret")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo("temporarily_unavailable"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_000, "answered without waiting");
            assertEquals(callsWhileOpen, calls(probe), "an open circuit does not call the sibling");
        } finally {
            given().post(registrationUrl + "/_fixture/clients-up").then().statusCode(204);
        }

        // The breaker lets a trial call through after its delay; the sibling is back, so it closes again. A client
        // never looked up before, so no cached answer can hide the breaker.
        String returning = "returning-" + System.nanoTime();
        put(TestClients.client(returning).secret("returning-secret"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> token(returning, "returning-secret").statusCode() == 200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(RegistrationGateway.CLIENT_LOOKUP_BREAKER));
    }

    /**
     * A client id registration-service refuses as a value (a NUL, which PostgreSQL cannot take, hidden in a Basic
     * header where no query check sees it) is an unknown client: 401 {@code invalid_client}, never 503. Twenty in a
     * row would open the circuit if they counted as failures; they do not, so a good client is served at once.
     */
    @Test
    void handleWhenTwentyClientIdsWithNulInARowThenInvalidClientAndTheCircuitStaysClosed() {
        for (int i = 0; i < 20; i++) {
            token("\u202e\u0000" + i + "-" + System.nanoTime(), "any-secret")
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(RegistrationGateway.CLIENT_LOOKUP_BREAKER));
        String good = "after-nul-" + System.nanoTime();
        put(TestClients.client(good).secret("good-secret"));
        token(good, "good-secret").then().statusCode(200).body("access_token", notNullValue());
    }

    /**
     * registration-service's 400 to a lookup is about the value it was handed (a NUL PostgreSQL cannot take), not a
     * failure of registration: the client is unknown and the breaker does not count it. Before, twenty such lookups
     * answered 503 and opened the circuit, so every client's token request failed for the breaker's delay.
     */
    @Test
    void findClientWhenRegistrationRefusesTwentyIdsAs400ThenEmptyAndAGoodLookupServedAtOnce() {
        for (int i = 0; i < 20; i++) {
            assertTrue(gateway.findClient("\u202e\u0000" + i + "-" + System.nanoTime()).isEmpty());
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(RegistrationGateway.CLIENT_LOOKUP_BREAKER));
        String good = "after-refused-" + System.nanoTime();
        put(TestClients.client(good).secret("good-secret"));
        assertTrue(gateway.findClient(good).isPresent());
    }

    @AfterEach
    void closeBreakers() {
        // Failures provoked here must not leave an open circuit to the tests that follow.
        breakers.resetAll();
    }

    @Test
    void findClientWhenRegistrationFailsThenFailureIsNotCached() {
        OAuthException first = assertThrows(OAuthException.class, () -> gateway.findClient(TestClients.FAILING_ID));
        assertThrows(OAuthException.class, () -> gateway.findClient(TestClients.FAILING_ID));

        assertEquals(OAuthError.TEMPORARILY_UNAVAILABLE, first.error());
        assertEquals(503, first.status());
        assertTrue(calls(TestClients.FAILING_ID) >= 2);
    }

    private io.restassured.response.Response token(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return given()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token");
    }

    private void put(TestClients client) {
        given().contentType(ContentType.JSON).body(client.json())
                .put(registrationUrl + "/_fixture/clients/" + client.clientId())
                .then().statusCode(204);
    }

    private int calls(String clientId) {
        return Integer.parseInt(given().get(registrationUrl + "/_fixture/calls/" + clientId).asString());
    }
}
