package org.gatehouse.registration.rest;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.testing.SqlStatementCounter;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.VerificationCounter;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /api/v1/apps/verify_credentials} behind platform-common's cache of verified bearer tokens and
 * registration's short-lived client cache: a repeated token is verified (ES256) once and its client read from the
 * database once, a cached token past its {@code exp} is refused, and a client deleted or replaced here is seen at
 * once. Verifications are counted by {@link VerificationCounter}, a jose4j validator quarkus-oidc runs once per full
 * verification; database reads by {@link SqlStatementCounter}, which sees every statement Hibernate prepares.
 */
@QuarkusTest
class AppCredentialsBearerCacheTest {

    private static final String PATH = "/api/v1/apps/verify_credentials";

    @Inject
    VerificationCounter verifications;

    @Inject
    @PersistenceUnitExtension
    SqlStatementCounter statements;

    @Inject
    ClientRepository clients;

    private TestApps.App app;

    @BeforeEach
    void registerApp() {
        app = TestApps.register(Map.of("client_name", "Cached", "redirect_uris", "https://cached.example/cb",
                "scopes", "read", "website", "https://cached.example"));
    }

    @Test
    void verifyCredentialsWhenSameTokenAgainThenVerifiedOnce() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("jti", jti));

        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get(PATH).then().statusCode(200).body("name", equalTo("Cached"));
        }

        assertEquals(1, verifications.verificationsOf(jti));
    }

    @Test
    void verifyCredentialsWhenCachedTokenRevokedThenRefusedWithinFiveSeconds() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("jti", jti));
        given().auth().oauth2(token).get(PATH).then().statusCode(200);

        TestJwksResource.revoke(jti);

        // platform-common's RevocationPoller reads token-service's denylist (here its double) every second.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(token).get(PATH).then().statusCode(401).body("error", equalTo("invalid_token")));
        assertEquals(1, verifications.verificationsOf(jti), "refused from the cache, not verified again");
    }

    @Test
    void verifyCredentialsWhenSameTokenAgainThenClientReadFromTheDatabaseOnce() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("jti", jti));
        long readsBefore = statements.clientTableReads();

        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get(PATH).then().statusCode(200).body("name", equalTo("Cached"));
        }

        assertEquals(1, statements.clientTableReads() - readsBefore, "client rows read for 20 requests");
        assertEquals(1, verifications.verificationsOf(jti));
    }

    @Test
    void verifyCredentialsWhenClientDeletedThenRefusedAtOnce() {
        TestDynamicClients.Registered client = TestDynamicClients.register("client_secret_basic");
        String token = TestTokens.sign(TestTokens.accessToken(client.clientId(), client.clientId(), "read"));
        given().auth().oauth2(token).get(PATH).then().statusCode(200).body("name", equalTo("Relying party"));

        given().header("Authorization", client.bearer()).delete(TestDynamicClients.CONFIGURATION, client.clientId())
                .then().statusCode(204);

        given().auth().oauth2(token).get(PATH).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void verifyCredentialsWhenClientDeletedThroughAnotherReplicaThenRefusedWithinFiveSeconds() {
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read"));
        given().auth().oauth2(token).get(PATH).then().statusCode(200);

        // Another replica deletes the row: nothing tells this one, only its cache entry's age bounds the delay.
        QuarkusTransaction.requiringNew().run(() -> clients.deleteByClientId(app.clientId()));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(token).get(PATH).then().statusCode(401).body("error", equalTo("invalid_token")));
    }

    @Test
    void verifyCredentialsWhenClientRenamedThenNewNameAtOnce() {
        TestDynamicClients.Registered client = TestDynamicClients.register("client_secret_basic");
        String token = TestTokens.sign(TestTokens.accessToken(client.clientId(), client.clientId(), "read"));
        given().auth().oauth2(token).get(PATH).then().statusCode(200).body("name", equalTo("Relying party"));

        Map<String, Object> update = new HashMap<>(given().header("Authorization", client.bearer())
                .get(TestDynamicClients.CONFIGURATION, client.clientId()).then().statusCode(200)
                .extract().jsonPath().getMap("$"));
        update.put("client_name", "Renamed party");
        update.put("client_secret", client.clientSecret());
        given().header("Authorization", client.bearer()).contentType(ContentType.JSON).body(update)
                .put(TestDynamicClients.CONFIGURATION, client.clientId()).then().statusCode(200);

        given().auth().oauth2(token).get(PATH).then().statusCode(200).body("name", equalTo("Renamed party"));
    }

    @Test
    void verifyCredentialsWhenCachedTokenExpiresThenRefused() {
        String jti = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("jti", jti)
                .issuedAt(now).expiresAt(now + 2));
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        assertEquals(1, verifications.verificationsOf(jti), "the second call was served from the cache");

        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() >= now + 2);
        given().auth().oauth2(token).get(PATH).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }
}
