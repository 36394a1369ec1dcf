package org.gatehouse.registration.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.gatehouse.registration.testing.FirstPartyTokens;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.registration.testing.TestDeveloperApps;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DeveloperAppResourceTest {

    private static final String APPS = "/api/v1/developer/apps";

    @Inject
    AgroalDataSource dataSource;

    private TestAccounts.Account developer;

    @BeforeEach
    void createDeveloper() {
        developer = TestAccounts.create("dev");
    }

    @Test
    void handleWhenAppRegisteredThen201WithClientIdAndOneTimeKey() {
        Map<String, Object> body = given().header("Authorization", bearer())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Node Sync", "redirect_uris", List.of("https://sync.example/cb", "http://localhost:3000/cb"),
                        "requested_permissions", List.of("read", "write:nodes")))
                .when().post(APPS)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .header("Location", matchesPattern("http://localhost:8080/api/v1/developer/apps/tp_[A-Za-z0-9_-]{24}"))
                .body("client_id", matchesPattern("tp_[A-Za-z0-9_-]{24}"))
                .body("api_key", matchesPattern("gh_tp_[A-Za-z0-9]{16}\\.[A-Za-z0-9_-]{43}"))
                .body("name", equalTo("Node Sync"))
                .body("redirect_uris", contains("https://sync.example/cb", "http://localhost:3000/cb"))
                .body("requested_permissions", contains("read:accounts", "read:nodes", "write:nodes"))
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), containsInAnyOrder("client_id", "api_key", "name", "redirect_uris",
                "requested_permissions", "created_at"));
        OffsetDateTime.parse((String) body.get("created_at"));
        assertTrue(TestDeveloperApps.accepted((String) body.get("api_key")));
    }

    @Test
    void handleWhenAppsListedOrReadThenNeverTheKey() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Listed");
        String secret = app.apiKey().substring(app.apiKey().indexOf('.') + 1);

        String list = given().header("Authorization", bearer()).when().get(APPS)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("$", hasSize(1))
                .body("[0].client_id", equalTo(app.clientId()))
                .body("[0].name", equalTo("Listed"))
                .body("[0].requested_permissions", contains("read:nodes", "write:nodes"))
                .body("[0].api_key_id", equalTo(app.keyId()))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("api_key")))
                .extract().asString();
        assertFalse(list.contains(secret));

        String one = given().header("Authorization", bearer()).when().get(APPS + "/{id}", app.clientId())
                .then().statusCode(200)
                .body("client_id", equalTo(app.clientId()))
                .body("redirect_uris", contains("https://thirdparty.example/callback"))
                .body("$", not(org.hamcrest.Matchers.hasKey("api_key")))
                .extract().asString();
        assertFalse(one.contains(secret));
    }

    @Test
    void handleWhenKeyRotatedWithoutOverlapThenOnlyTheNewKeyWorks() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Rotating");
        String rotated = rotate(app.clientId())
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("api_key", matchesPattern("gh_tp_[A-Za-z0-9]{16}\\.[A-Za-z0-9_-]{43}"))
                .extract().path("api_key");

        assertNotEquals(app.apiKey(), rotated);
        assertThat(TestDeveloperApps.keyId(rotated), equalTo(app.keyId()));
        assertTrue(TestDeveloperApps.accepted(rotated));
        assertFalse(TestDeveloperApps.accepted(app.apiKey()));
    }

    @Test
    void handleWhenRotatedKeyStillInItsOverlapThenBothKeysWork() throws Exception {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Overlapping");
        String rotated = rotate(app.clientId()).statusCode(200).extract().path("api_key");
        // As registration.api-key-rotation-overlap=PT1H would have left it: the old secret expires in an hour.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update registration.api_key set expires_at = now() + interval '1 hour' where secret_hash = ?")) {
            statement.setString(1, TestDeveloperApps.secretHash(app.apiKey()));
            assertThat(statement.executeUpdate(), is(1));
        }
        assertTrue(TestDeveloperApps.accepted(app.apiKey()));
        assertTrue(TestDeveloperApps.accepted(rotated));

        String third = rotate(app.clientId()).statusCode(200).extract().path("api_key");
        assertTrue(TestDeveloperApps.accepted(third));
        assertFalse(TestDeveloperApps.accepted(rotated), "with overlap 0 the previous key dies at once");
    }

    @Test
    void handleWhenAppDeletedThen204AndItsKeyAndClientRecordAreGone() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Doomed");
        given().header("Authorization", bearer()).when().delete(APPS + "/{id}", app.clientId())
                .then().statusCode(204);

        assertFalse(TestDeveloperApps.accepted(app.apiKey()));
        given().header("Authorization", TestDeveloperApps.fromResourceService())
                .when().get("/internal/api-keys/{key_id}", app.keyId())
                .then().statusCode(404);
        given().header("Authorization", TestTokens.serviceAuthorization("authorization-service", "registration-service"))
                .when().get("/internal/clients/{id}", app.clientId())
                .then().statusCode(404);
        given().header("Authorization", bearer()).when().get(APPS + "/{id}", app.clientId()).then().statusCode(404);
        given().header("Authorization", bearer()).when().get(APPS).then().statusCode(200).body("$", empty());
        given().header("Authorization", bearer()).when().delete(APPS + "/{id}", app.clientId()).then().statusCode(404);
    }

    @Test
    void handleWhenAnotherUsersAppAddressedThen404AndNothingChanges() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Mine");
        TestAccounts.Account other = TestAccounts.create("other");
        String otherBearer = FirstPartyTokens.bearerFor(other.id());

        given().header("Authorization", otherBearer).when().get(APPS).then().statusCode(200).body("$", empty());
        given().header("Authorization", otherBearer).when().get(APPS + "/{id}", app.clientId())
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", otherBearer).when().post(APPS + "/{id}/api-key", app.clientId())
                .then().statusCode(404);
        given().header("Authorization", otherBearer).when().delete(APPS + "/{id}", app.clientId())
                .then().statusCode(404);

        assertTrue(TestDeveloperApps.accepted(app.apiKey()));
        given().header("Authorization", bearer()).when().get(APPS + "/{id}", app.clientId()).then().statusCode(200);
    }

    @Test
    void handleWhenAppTokenInsteadOfFirstPartyThen403AccessDenied() {
        String appToken = FirstPartyTokens.appBearerFor(developer.id(), "some-oauth-client");
        for (ValidatableResponse response : List.of(
                given().header("Authorization", appToken).when().get(APPS).then(),
                given().header("Authorization", appToken).contentType(ContentType.JSON)
                        .body(Map.of("name", "x", "redirect_uris", List.of("https://a.example/cb"),
                                "requested_permissions", List.of("read")))
                        .when().post(APPS).then())) {
            response.statusCode(403)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("access_denied"));
        }
    }

    @Test
    void handleWhenNoOrBadTokenThen401InvalidToken() {
        for (ValidatableResponse response : List.of(
                given().when().get(APPS).then(),
                given().header("Authorization", "Bearer not-a-jwt").when().get(APPS).then(),
                given().header("Authorization", FirstPartyTokens.bearerFor(UUID.randomUUID())).when().get(APPS).then())) {
            response.statusCode(401)
                    .contentType(ContentType.JSON)
                    .header("WWW-Authenticate", startsWith("Bearer "))
                    .body("error", equalTo("invalid_token"));
        }
    }

    @Test
    void handleWhenPermissionUnknownThen400InvalidScope() {
        assertRefused(Map.of("name", "x", "redirect_uris", List.of("https://a.example/cb"),
                "requested_permissions", List.of("read:nodes", "read:everything")), "invalid_scope");
        assertRefused(Map.of("name", "x", "redirect_uris", List.of("https://a.example/cb"),
                "requested_permissions", List.of()), "invalid_scope");
        assertRefused(Map.of("name", "x", "redirect_uris", List.of("https://a.example/cb")), "invalid_scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example/cb", "https://app.example/cb#frag", "javascript:alert(1)",
            "urn:ietf:wg:oauth:2.0:oob", "/relative"})
    void handleWhenRedirectUriUnacceptableThen400InvalidRedirectUri(String uri) {
        assertRefused(Map.of("name", "x", "redirect_uris", List.of(uri), "requested_permissions", List.of("read")),
                "invalid_redirect_uri");
    }

    @Test
    void handleWhenNoRedirectUriThen400InvalidRedirectUri() {
        assertRefused(Map.of("name", "x", "redirect_uris", List.of(), "requested_permissions", List.of("read")),
                "invalid_redirect_uri");
    }

    @Test
    void handleWhenNameMissingThen400InvalidClientMetadata() {
        assertRefused(Map.of("redirect_uris", List.of("https://a.example/cb"), "requested_permissions", List.of("read")),
                "invalid_client_metadata")
                .body("error_description", containsString("name"));
    }

    @Test
    void handleWhenBodyMalformedOrNotJsonThen400Or415() {
        given().header("Authorization", bearer()).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post(APPS).then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", bearer()).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"redirect_uris\": \"https://a.example/cb\"}")
                .when().post(APPS).then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", bearer()).contentType(ContentType.TEXT).body("name=x")
                .when().post(APPS).then().statusCode(415).body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void handleWhenThirdPartyAppLookedUpAsClientThenNoGrantsNoAuthMethodsNoSecrets() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Shown on consent");
        Map<String, Object> body = given()
                .header("Authorization", TestTokens.serviceAuthorization("authorization-service", "registration-service"))
                .when().get("/internal/clients/{id}", app.clientId())
                .then().statusCode(200)
                .body("client_id", equalTo(app.clientId()))
                .body("client_name", equalTo("Shown on consent"))
                .body("scopes", contains("read:nodes", "write:nodes"))
                .body("redirect_uris", contains("https://thirdparty.example/callback"))
                .body("grant_types", empty())
                .body("token_endpoint_auth_methods", empty())
                .body("secret_hashes", empty())
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), containsInAnyOrder("client_id", "client_name", "website", "scopes",
                "redirect_uris", "grant_types", "token_endpoint_auth_methods", "secret_hashes", "require_pkce",
                "id_token_signed_response_alg", "userinfo_signed_response_alg"));
    }

    private ValidatableResponse rotate(String clientId) {
        return given().header("Authorization", bearer()).when().post(APPS + "/{id}/api-key", clientId).then();
    }

    private ValidatableResponse assertRefused(Map<String, Object> body, String error) {
        return given().header("Authorization", bearer()).contentType(ContentType.JSON).body(body)
                .when().post(APPS)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("$", not(org.hamcrest.Matchers.hasKey("api_key")));
    }

    private String bearer() {
        return FirstPartyTokens.bearerFor(developer.id());
    }
}
