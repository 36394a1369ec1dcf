package org.gatehouse.token.remote;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.support.RegistrationDouble;
import org.gatehouse.token.support.TestClients;
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

/** The real rest client and cache against the registration-service double. */
@QuarkusTest
class RegistrationGatewayTest {

    @Inject
    RegistrationGateway gateway;

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
    void handleWhenRegistrationTooSlowThenTemporarilyUnavailableAfterTheReadTimeout() {
        long start = System.nanoTime();

        token(TestClients.SLOW_ID, "any-secret")
                .then()
                .statusCode(503)
                .body("error", equalTo("temporarily_unavailable"));

        // The double answers after 10 s (and would say 404); a 503 well before proves the 2 s read timeout.
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 8_000);
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
