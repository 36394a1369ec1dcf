package org.gatehouse.registration.endpoint;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.gatehouse.registration.testing.TestDynamicClients.Registered;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.gatehouse.registration.testing.TestDynamicClients.CONFIGURATION;
import static org.gatehouse.registration.testing.TestDynamicClients.LOOKUP;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * RFC 7592 {@code GET/PUT/DELETE /oauth/register/{client_id}} with the registration access token, and secret
 * rotation with the default overlap (zero).
 */
@QuarkusTest
class ClientConfigurationEndpointTest {

    private static final String FROM_TOKEN_SERVICE =
            TestTokens.serviceAuthorization("token-service", "registration-service");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void handleWhenReadWithRegistrationTokenThenCurrentMetadataWithoutSecret() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        Map<String, Object> read = given().header("Authorization", client.bearer())
                .when().get(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo(client.clientId()))
                .body("client_name", equalTo("Relying party"))
                .body("redirect_uris", contains(TestDynamicClients.REDIRECT_URI))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("grant_types", contains("authorization_code", "client_credentials", "refresh_token"))
                .body("scope", equalTo("read write"))
                .body("client_secret_expires_at", equalTo(0))
                .body("client_id_issued_at", equalTo(client.json().getInt("client_id_issued_at")))
                .body("registration_client_uri", equalTo(client.json().getString("registration_client_uri")))
                .extract().jsonPath().getMap("$");
        assertThat(read.keySet(), not(hasItem("client_secret")));
        assertThat(read.keySet(), not(hasItem("registration_access_token")));
    }

    @Test
    void handleWhenReadWithWrongTokenThen401InvalidToken() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        assertInvalidToken(given().header("Authorization", "Bearer " + client.clientSecret())
                .when().get(CONFIGURATION, client.clientId()).then());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic Zm9vOmJhcg==", "Bearer", "Bearer a b"})
    void handleWhenAuthorizationMissingOrNotBearerThen401InvalidToken(String authorization) {
        Registered client = TestDynamicClients.register("client_secret_basic");
        var request = given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        assertInvalidToken(request.when().get(CONFIGURATION, client.clientId()).then());
    }

    @Test
    void handleWhenAnotherClientsTokenThen401ForEveryOperation() {
        Registered victim = TestDynamicClients.register("client_secret_basic");
        Registered attacker = TestDynamicClients.register("client_secret_basic");
        assertInvalidToken(given().header("Authorization", attacker.bearer())
                .when().get(CONFIGURATION, victim.clientId()).then());
        assertInvalidToken(given().header("Authorization", attacker.bearer()).contentType(ContentType.JSON)
                .body(updateBody(victim, Map.of()))
                .when().put(CONFIGURATION, victim.clientId()).then());
        assertInvalidToken(given().header("Authorization", attacker.bearer())
                .when().delete(CONFIGURATION, victim.clientId()).then());
        assertInvalidToken(given().header("Authorization", attacker.bearer())
                .when().post(CONFIGURATION + "/secret", victim.clientId()).then());
        given().header("Authorization", victim.bearer()).when().get(CONFIGURATION, victim.clientId())
                .then().statusCode(200);
    }

    @Test
    void handleWhenUnknownClientThen401LikeAWrongToken() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        assertInvalidToken(given().header("Authorization", client.bearer())
                .when().get(CONFIGURATION, "no-such-client").then());
    }

    @Test
    void handleWhenMastodonAppThen401BecauseItHasNoRegistrationToken() {
        TestApps.App app = TestApps.registerDefault();
        assertInvalidToken(given().header("Authorization", "Bearer " + app.clientSecret())
                .when().get(CONFIGURATION, app.clientId()).then());
    }

    @Test
    void handleWhenUpdatedThenMetadataReplacedAndSecretKept() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        Map<String, Object> changes = new HashMap<>();
        changes.put("client_name", "Renamed");
        changes.put("redirect_uris", List.of("https://rp.example/new-callback"));
        changes.put("scope", "read:accounts");
        changes.put("contacts", List.of("new@rp.example"));
        changes.put("client_secret", client.clientSecret());
        Map<String, Object> answer = given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, changes))
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("client_name", equalTo("Renamed"))
                .body("redirect_uris", contains("https://rp.example/new-callback"))
                .body("scope", equalTo("read:accounts"))
                .body("contacts", contains("new@rp.example"))
                .extract().jsonPath().getMap("$");
        assertThat(answer.keySet(), not(hasItem("client_secret")));

        JsonPath lookup = TestDynamicClients.lookup(client.clientId());
        assertEquals("Renamed", lookup.getString("client_name"));
        assertEquals(List.of("read:accounts"), lookup.getList("scopes"));
        assertEquals(List.of(ClientSecretIssuer.hash(client.clientSecret())), lookup.getList("secret_hashes"));
        // The token stays valid for later management.
        given().header("Authorization", client.bearer()).when().get(CONFIGURATION, client.clientId())
                .then().statusCode(200).body("client_name", equalTo("Renamed"));
    }

    @Test
    void handleWhenUpdateOmitsAValueThenItIsCleared() {
        Map<String, Object> body = TestDynamicClients.body("client_secret_basic");
        body.put("logo_uri", "https://rp.example/logo.png");
        Registered client = TestDynamicClients.register(body);
        Map<String, Object> update = updateBody(client, Map.of());
        update.remove("logo_uri");
        given().header("Authorization", client.bearer()).contentType(ContentType.JSON).body(update)
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .body("$", not(hasKey("logo_uri")));
    }

    @Test
    void handleWhenUpdateClientIdDiffersThen400InvalidClientMetadata() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        Map<String, Object> body = updateBody(client, Map.of("client_id", "someone-else"));
        assertError(given().header("Authorization", client.bearer()).contentType(ContentType.JSON).body(body)
                .when().put(CONFIGURATION, client.clientId()).then(), "invalid_client_metadata");
        body.remove("client_id");
        assertError(given().header("Authorization", client.bearer()).contentType(ContentType.JSON).body(body)
                .when().put(CONFIGURATION, client.clientId()).then(), "invalid_client_metadata");
    }

    @Test
    void handleWhenUpdateCarriesAnotherSecretThen400InvalidClientMetadata() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        assertError(given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("client_secret", "my-own-chosen-secret")))
                .when().put(CONFIGURATION, client.clientId()).then(), "invalid_client_metadata");
    }

    @Test
    void handleWhenUpdateInvalidThenSameRulesAsRegistration() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        assertError(given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("redirect_uris", List.of("http://rp.example/cb"))))
                .when().put(CONFIGURATION, client.clientId()).then(), "invalid_redirect_uri");
        assertError(given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("token_endpoint_auth_method", "private_key_jwt")))
                .when().put(CONFIGURATION, client.clientId()).then(), "invalid_client_metadata");
        assertError(given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("scope", "introspection")))
                .when().put(CONFIGURATION, client.clientId()).then(), "invalid_client_metadata");
    }

    @Test
    void handleWhenUpdateNotJsonThen415() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        given().header("Authorization", client.bearer()).contentType(ContentType.URLENC).formParam("client_name", "x")
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(415).contentType(ContentType.JSON);
    }

    @Test
    void handleWhenUpdateSwitchesToPrivateKeyJwtThenSecretsStopAndKeysPublished() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        Map<String, Object> changes = new HashMap<>();
        changes.put("token_endpoint_auth_method", "private_key_jwt");
        changes.put("jwks_uri", "https://rp.example/jwks.json");
        given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, changes))
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .body("token_endpoint_auth_method", equalTo("private_key_jwt"))
                .body("$", not(hasKey("client_secret_expires_at")));
        JsonPath lookup = TestDynamicClients.lookup(client.clientId());
        assertEquals(List.of("private_key_jwt"), lookup.getList("token_endpoint_auth_methods"));
        assertEquals(List.of(), lookup.getList("secret_hashes"));
        assertEquals("https://rp.example/jwks.json", lookup.getString("jwks_uri"));
    }

    @Test
    void handleWhenUpdateSwitchesFromNoneToSecretMethodThenNewSecretReturned() {
        Registered client = TestDynamicClients.register("none");
        String secret = given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("token_endpoint_auth_method", "client_secret_post")))
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .body("client_secret.length()", is(43))
                .body("client_secret_expires_at", equalTo(0))
                .extract().path("client_secret");
        assertEquals(List.of(ClientSecretIssuer.hash(secret)),
                TestDynamicClients.lookup(client.clientId()).getList("secret_hashes"));
    }

    @Test
    void handleWhenUpdateSwitchesToClientSecretJwtWithCurrentSecretThenItBecomesTheJwtSecret() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        Map<String, Object> changes = Map.of("token_endpoint_auth_method", "client_secret_jwt",
                "client_secret", client.clientSecret());
        Map<String, Object> answer = given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, changes))
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(answer.keySet(), not(hasItem("client_secret")));
        assertEquals(client.clientSecret(), TestDynamicClients.lookup(client.clientId()).getString("jwt_secret"));
    }

    @Test
    void handleWhenUpdateSwitchesToClientSecretJwtWithoutSecretThenNewSecretIssued() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        String secret = given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("token_endpoint_auth_method", "client_secret_jwt")))
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .extract().path("client_secret");
        assertNotEquals(client.clientSecret(), secret);
        JsonPath lookup = TestDynamicClients.lookup(client.clientId());
        assertEquals(secret, lookup.getString("jwt_secret"));
        assertEquals(List.of(ClientSecretIssuer.hash(secret)), lookup.getList("secret_hashes"));
    }

    @Test
    void handleWhenDeletedThen204AndClientGone() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        given().header("Authorization", client.bearer())
                .when().delete(CONFIGURATION, client.clientId())
                .then().statusCode(204);
        assertInvalidToken(given().header("Authorization", client.bearer())
                .when().get(CONFIGURATION, client.clientId()).then());
        assertInvalidToken(given().header("Authorization", client.bearer())
                .when().delete(CONFIGURATION, client.clientId()).then());
        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get(LOOKUP, client.clientId())
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenSecretRotatedWithoutOverlapThenOldHashGoneAtOnce() {
        Registered client = TestDynamicClients.register("client_secret_basic");
        String secret = given().header("Authorization", client.bearer())
                .when().post(CONFIGURATION + "/secret", client.clientId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("client_secret.length()", is(43))
                .body("client_secret_expires_at", equalTo(0))
                .extract().path("client_secret");
        assertNotEquals(client.clientSecret(), secret);
        assertEquals(List.of(ClientSecretIssuer.hash(secret)),
                TestDynamicClients.lookup(client.clientId()).getList("secret_hashes"));
    }

    @Test
    void handleWhenClientSecretJwtRotatedThenJwtSecretReplaced() {
        Registered client = TestDynamicClients.register("client_secret_jwt");
        assertEquals(client.clientSecret(), TestDynamicClients.lookup(client.clientId()).getString("jwt_secret"));
        String secret = given().header("Authorization", client.bearer())
                .when().post(CONFIGURATION + "/secret", client.clientId())
                .then().statusCode(200)
                .extract().path("client_secret");
        assertEquals(secret, TestDynamicClients.lookup(client.clientId()).getString("jwt_secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"private_key_jwt", "none"})
    void handleWhenClientHasNoSecretThenRotation400InvalidRequest(String method) {
        Registered client = TestDynamicClients.register(method);
        assertError(given().header("Authorization", client.bearer())
                .when().post(CONFIGURATION + "/secret", client.clientId()).then(), "invalid_request");
    }

    @Test
    void handleWhenClientSecretJwtThenSecretNeverInPublicAnswersAfterCreation() {
        Registered client = TestDynamicClients.register("client_secret_jwt");
        String read = given().header("Authorization", client.bearer())
                .when().get(CONFIGURATION, client.clientId())
                .then().statusCode(200).extract().asString();
        assertFalse(read.contains(client.clientSecret()));
        assertThat(read, not(containsString("jwt_secret")));
        String updated = given().header("Authorization", client.bearer()).contentType(ContentType.JSON)
                .body(updateBody(client, Map.of("client_secret", client.clientSecret())))
                .when().put(CONFIGURATION, client.clientId())
                .then().statusCode(200).extract().asString();
        assertFalse(updated.contains(client.clientSecret()));
        assertThat(updated, not(containsString("jwt_secret")));
    }

    @Test
    void handleWhenRotatedThenDatabaseHoldsOnlyTheHash() throws Exception {
        Registered client = TestDynamicClients.register("client_secret_post");
        String secret = given().header("Authorization", client.bearer())
                .when().post(CONFIGURATION + "/secret", client.clientId())
                .then().statusCode(200).extract().path("client_secret");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from registration.client_secret s where strpos(s::text, ?) > 0")) {
            statement.setString(1, secret);
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                assertEquals(0, count.getLong(1));
            }
        }
    }

    /** The body of an update: the registered metadata as read back, with {@code changes} applied. */
    private static Map<String, Object> updateBody(Registered client, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(given().header("Authorization", client.bearer())
                .when().get(CONFIGURATION, client.clientId())
                .then().statusCode(200)
                .extract().jsonPath().getMap("$"));
        body.putAll(changes);
        return body;
    }

    private static void assertInvalidToken(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"))
                .body("error_description", notNullValue());
    }

    private static void assertError(ValidatableResponse response, String error) {
        response.statusCode(400).contentType(ContentType.JSON).body("error", equalTo(error));
    }
}
