package org.gatehouse.registration.endpoint;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.gatehouse.registration.testing.TestDynamicClients.CONFIGURATION;
import static org.gatehouse.registration.testing.TestDynamicClients.REGISTER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An operator's stricter set-up: registration needs an initial access token, a rotated secret keeps working for an
 * hour, and no key for client_secret_jwt secrets is configured (as in a production that never set one).
 */
@QuarkusTest
@TestProfile(RestrictedRegistrationTest.Restricted.class)
class RestrictedRegistrationTest {

    static final String INITIAL_ACCESS_TOKEN = "operator-issued-initial-access-token-0123456789";

    public static class Restricted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registration.dynamic.initial-access-token", INITIAL_ACCESS_TOKEN,
                    "registration.secret-rotation-overlap", "PT1H",
                    "registration.client-jwt-secret-key", "");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void handleWhenNoInitialAccessTokenThen401InvalidToken() {
        assertInvalidToken(given().contentType(ContentType.JSON).body(TestDynamicClients.body())
                .when().post(REGISTER).then());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong-token", "Bearer " + INITIAL_ACCESS_TOKEN + "x", "Bearer operator",
            "Basic " + INITIAL_ACCESS_TOKEN, INITIAL_ACCESS_TOKEN})
    void handleWhenWrongInitialAccessTokenThen401InvalidToken(String authorization) {
        assertInvalidToken(given().contentType(ContentType.JSON).header("Authorization", authorization)
                .body(TestDynamicClients.body())
                .when().post(REGISTER).then());
    }

    @Test
    void handleWhenInitialAccessTokenPresentedThen201() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + INITIAL_ACCESS_TOKEN)
                .body(TestDynamicClients.body())
                .when().post(REGISTER)
                .then().statusCode(201)
                .body("registration_access_token.length()", equalTo(43));
    }

    @Test
    void handleWhenSecretRotatedWithOverlapThenBothHashesListedUntilItEnds() throws Exception {
        TestDynamicClients.Registered client = register("client_secret_basic");
        Instant before = Instant.now();
        String secret = given().header("Authorization", client.bearer())
                .when().post(CONFIGURATION + "/secret", client.clientId())
                .then().statusCode(200)
                .extract().path("client_secret");

        List<String> hashes = TestDynamicClients.lookup(client.clientId()).getList("secret_hashes", String.class);
        assertThat(hashes, containsInAnyOrder(ClientSecretIssuer.hash(secret),
                ClientSecretIssuer.hash(client.clientSecret())));
        assertEquals(ClientSecretIssuer.hash(secret), hashes.get(0));

        Instant oldExpiry = expiresAt(ClientSecretIssuer.hash(client.clientSecret()));
        assertThat(oldExpiry, greaterThan(before.plus(Duration.ofMinutes(59))));
        assertThat(oldExpiry, lessThan(Instant.now().plus(Duration.ofMinutes(61))));
        assertEquals(null, expiresAt(ClientSecretIssuer.hash(secret)));
    }

    @Test
    void handleWhenClientSecretJwtWithoutEncryptionKeyThen503AndNothingStored() throws Exception {
        long clientsBefore = countClients();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + INITIAL_ACCESS_TOKEN)
                .body(TestDynamicClients.body("client_secret_jwt"))
                .when().post(REGISTER)
                .then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("error", equalTo("temporarily_unavailable"));
        assertEquals(clientsBefore, countClients());
        // Other methods do not need the key.
        register("client_secret_post");
    }

    private static TestDynamicClients.Registered register(String method) {
        var json = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + INITIAL_ACCESS_TOKEN)
                .body(TestDynamicClients.body(method))
                .when().post(REGISTER)
                .then().statusCode(201)
                .extract().jsonPath();
        return new TestDynamicClients.Registered(json.getString("client_id"), json.getString("client_secret"),
                json.getString("registration_access_token"), json);
    }

    private static void assertInvalidToken(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("invalid_token"));
    }

    private Instant expiresAt(String hash) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select expires_at from registration.client_secret where secret_hash = ?")) {
            statement.setString(1, hash);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Timestamp expiresAt = row.getTimestamp(1);
                return expiresAt == null ? null : expiresAt.toInstant();
            }
        }
    }

    private long countClients() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select count(*) from registration.client");
             ResultSet count = statement.executeQuery()) {
            count.next();
            return count.getLong(1);
        }
    }
}
