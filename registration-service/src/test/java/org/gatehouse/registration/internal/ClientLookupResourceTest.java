package org.gatehouse.registration.internal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.testing.TestAccessTokens;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ClientLookupResourceTest {

    private static final String PATH = "/internal/clients/{client_id}";
    private static final String FROM_TOKEN_SERVICE =
            TestTokens.serviceAuthorization("token-service", "registration-service");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void handleWhenTrustedSiblingAsksThenContractShape() {
        TestApps.App app = TestApps.registerDefault();

        JsonPath json = given().header("Authorization", TestTokens.serviceAuthorization("token-service",
                        "registration-service"))
                .when().get(PATH, app.clientId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo(app.clientId()))
                .body("client_name", equalTo("Test app"))
                .body("website", equalTo("https://app.example"))
                .body("scopes", contains("read", "write"))
                .body("redirect_uris", contains("https://app.example/cb"))
                .body("grant_types", contains("authorization_code", "client_credentials", "refresh_token"))
                .body("token_endpoint_auth_methods", contains("client_secret_basic", "client_secret_post"))
                .body("secret_hashes", contains(ClientSecretIssuer.hash(app.clientSecret())))
                .extract().jsonPath();
        Map<String, Object> body = json.getMap("$");
        assertThat(body.keySet(), containsInAnyOrder("client_id", "client_name", "website", "scopes",
                "redirect_uris", "grant_types", "token_endpoint_auth_methods", "secret_hashes", "require_pkce",
                "id_token_signed_response_alg", "userinfo_signed_response_alg"));
        assertThat(body.get("require_pkce"), equalTo(false));
        assertThat(body.get("id_token_signed_response_alg"), equalTo("RS256"));
        assertThat(body.get("userinfo_signed_response_alg"), nullValue());
    }

    /**
     * A client id a sibling was handed by a client (a NUL, which PostgreSQL refuses; bytes that are not UTF-8) is
     * the caller's bad value, answered 400 {@code invalid_request}, never 500, so no caller reads it as an outage;
     * well-formed Unicode that names no client is 404.
     */
    @Test
    void handleWhenClientIdCarriesNulOrInvalidUtf8ThenClientErrorNeverServerError() {
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        for (String id : List.of("%E2%80%AE%00%F0%9F%92%A5", "%00", "x%0Ay", "%C0%AF", "%FF", "%ED%A0%80")) {
            HostileHttp.Reply reply = HostileHttp.send(base, new HostileHttp.Attack("GET", "/internal/clients/" + id,
                    "", "", "", Map.of("Authorization", FROM_TOKEN_SERVICE)));
            assertEquals(400, reply.status(), id + " " + reply.body());
            assertTrue(reply.isJsonError()
                    && reply.body().contains("\"invalid_request\""), reply.body());
        }
        HostileHttp.Reply unicode = HostileHttp.send(base, new HostileHttp.Attack("GET",
                "/internal/clients/%E2%80%AE%F0%9F%92%A5", "", "", "", Map.of("Authorization", FROM_TOKEN_SERVICE)));
        assertEquals(404, unicode.status(), unicode.body());
    }

    @Test
    void handleWhenClientHasNoWebsiteThenWebsiteIsNull() {
        TestApps.App app = TestApps.register("No site", "urn:ietf:wg:oauth:2.0:oob", "read");
        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get(PATH, app.clientId())
                .then().statusCode(200)
                .body("website", nullValue())
                .body("redirect_uris", contains("urn:ietf:wg:oauth:2.0:oob"));
    }

    @Test
    void handleWhenSecretRotatedThenEveryUnexpiredHashListed() throws Exception {
        TestApps.App app = TestApps.registerDefault();
        String overlapping = ClientSecretIssuer.hash("successor-secret");
        String expired = ClientSecretIssuer.hash("long-gone-secret");
        insertSecret(app.clientId(), overlapping, "now() + interval '1 day'");
        insertSecret(app.clientId(), expired, "now() - interval '1 second'");

        List<String> hashes = given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get(PATH, app.clientId())
                .then().statusCode(200)
                .extract().jsonPath().getList("secret_hashes", String.class);
        assertThat(hashes, containsInAnyOrder(ClientSecretIssuer.hash(app.clientSecret()), overlapping));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"})
    void handleWhenDynamicClientThenItsOneMethodAndOnlyTheFieldsThatApply(String method) {
        TestDynamicClients.Registered client = TestDynamicClients.register(method);
        JsonPath json = TestDynamicClients.lookup(client.clientId());
        Map<String, Object> body = json.getMap("$");

        assertThat(json.getList("token_endpoint_auth_methods"), contains(method));
        assertThat(json.getString("client_name"), equalTo("Relying party"));
        assertThat(json.getList("scopes"), contains("read", "write"));
        assertThat(json.getList("redirect_uris"), contains(TestDynamicClients.REDIRECT_URI));
        boolean secretMethod = !method.equals("private_key_jwt") && !method.equals("none");
        assertThat(json.getList("secret_hashes", String.class), secretMethod
                ? contains(ClientSecretIssuer.hash(client.clientSecret())) : empty());
        if (method.equals("client_secret_jwt")) {
            assertThat(json.getString("jwt_secret"), equalTo(client.clientSecret()));
        } else {
            assertThat(body.keySet(), not(hasItem("jwt_secret")));
        }
        if (method.equals("private_key_jwt")) {
            assertThat(json.getString("jwks.keys[0].kty"), equalTo("EC"));
            assertThat(json.getString("jwks.keys[0].kid"), equalTo("key-1"));
            assertThat(json.getMap("jwks.keys[0]").keySet(), not(hasItem("d")));
        } else {
            assertThat(body.keySet(), not(hasItem("jwks")));
        }
        assertThat(body.keySet(), not(hasItem("jwks_uri")));
    }

    /** What a client registered about PKCE reaches authorization-service, which enforces it. */
    @Test
    void handleWhenClientRegisteredRequirePkceThenSiblingsToldSo() {
        Map<String, Object> registration = TestDynamicClients.body("client_secret_basic");
        registration.put("require_pkce", true);
        assertThat(TestDynamicClients.lookup(TestDynamicClients.register(registration).clientId())
                .getBoolean("require_pkce"), equalTo(true));
        assertThat(TestDynamicClients.lookup(TestDynamicClients.register("client_secret_basic").clientId())
                .getBoolean("require_pkce"), equalTo(false));
    }

    /** The ID token algorithm a client registered reaches token-service, which signs its ID tokens with it. */
    @Test
    void handleWhenClientRegisteredIdTokenAlgorithmThenSiblingsToldSo() {
        Map<String, Object> registration = TestDynamicClients.body("client_secret_basic");
        registration.put("id_token_signed_response_alg", "ES256");
        assertThat(TestDynamicClients.lookup(TestDynamicClients.register(registration).clientId())
                .getString("id_token_signed_response_alg"), equalTo("ES256"));
        assertThat(TestDynamicClients.lookup(TestDynamicClients.register("client_secret_basic").clientId())
                .getString("id_token_signed_response_alg"), equalTo("RS256"));
    }

    /**
     * resource-service reads the UserInfo algorithm a client registered (to answer it a signed JWT) and nothing else
     * of the client: no secret, no hash, no redirect URI.
     */
    @Test
    void userInfoPreferencesWhenResourceServiceAsksThenOnlyTheAlgorithm() {
        Map<String, Object> registration = TestDynamicClients.body("client_secret_jwt");
        registration.put("userinfo_signed_response_alg", "RS256");
        TestDynamicClients.Registered client = TestDynamicClients.register(registration);
        Map<String, Object> body = given()
                .header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .get(PATH + "/userinfo", client.clientId())
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("userinfo_signed_response_alg", equalTo("RS256"))
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), containsInAnyOrder("client_id", "userinfo_signed_response_alg"));
        assertThat(body.values().toString(), not(containsString(client.clientSecret())));
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .get(PATH + "/userinfo", TestDynamicClients.register("client_secret_basic").clientId())
                .then().statusCode(200).body("userinfo_signed_response_alg", nullValue());
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .get(PATH + "/userinfo", "no-such-client")
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenClientRegisteredWithJwksUriThenJwksUriListed() {
        Map<String, Object> registration = TestDynamicClients.body("private_key_jwt");
        registration.remove("jwks");
        registration.put("jwks_uri", "https://rp.example/.well-known/jwks.json");
        TestDynamicClients.Registered client = TestDynamicClients.register(registration);
        JsonPath json = TestDynamicClients.lookup(client.clientId());
        assertThat(json.getString("jwks_uri"), equalTo("https://rp.example/.well-known/jwks.json"));
        assertThat(json.getMap("$").keySet(), not(hasItem("jwks")));
    }

    /**
     * Every sibling could read {@code client_secret_jwt} secrets in clear: authorization-service may look clients up,
     * but only token-service, which verifies their assertions, gets the secret.
     */
    @Test
    void lookupWhenClientSecretJwtClientAskedForByAuthorizationServiceThenNoJwtSecret() {
        TestDynamicClients.Registered client = TestDynamicClients.register("client_secret_jwt");
        Map<String, Object> body = given()
                .header("Authorization", TestTokens.serviceAuthorization("authorization-service", "registration-service"))
                .when().get(PATH, client.clientId())
                .then().statusCode(200)
                .body("client_id", equalTo(client.clientId()))
                .body("token_endpoint_auth_methods", contains("client_secret_jwt"))
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), not(hasItem("jwt_secret")));
        assertThat(body.values().toString(), not(containsString(client.clientSecret())));

        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get(PATH, client.clientId())
                .then().statusCode(200)
                .body("jwt_secret", equalTo(client.clientSecret()));
    }

    @Test
    void lookupWhenResourceServiceAsksThenForbidden() {
        TestDynamicClients.Registered client = TestDynamicClients.register("client_secret_jwt");
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .when().get(PATH, client.clientId())
                .then().statusCode(403)
                .body("error", equalTo("access_denied"))
                .body(not(containsString(client.clientSecret())));
    }

    @Test
    void handleWhenClientUnknownThen404NotFound() {
        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get(PATH, "no-such-client")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenNoServiceTokenThen401() {
        assertRefused(given().when().get(PATH, "anything").then());
    }

    @Test
    void handleWhenServiceTokenGarbageThen401() {
        assertRefused(given().header("Authorization", "Bearer not.a.jwt").when().get(PATH, "anything").then());
    }

    @Test
    void handleWhenServiceTokenForAnotherServiceThen401() {
        String forResourceService = TestTokens.serviceAuthorization("token-service", "resource-service");
        assertRefused(given().header("Authorization", forResourceService).when().get(PATH, "anything").then());
    }

    @Test
    void handleWhenUserAccessTokenUsedThen401() {
        TestApps.App app = TestApps.registerDefault();
        assertRefused(given().auth().oauth2(TestAccessTokens.valid(app.clientId(), "read"))
                .when().get(PATH, app.clientId()).then());
    }

    private static void assertRefused(io.restassured.response.ValidatableResponse response) {
        response.statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    private void insertSecret(String clientId, String hash, String expiresAt) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "insert into registration.client_secret (id, client_id, secret_hash, created_at, expires_at)"
                             + " select ?, c.id, ?, now(), " + expiresAt
                             + " from registration.client c where c.client_id = ?")) {
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, hash);
            statement.setString(3, clientId);
            statement.executeUpdate();
        }
    }
}
