package org.gatehouse.registration.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
class MastodonAppResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void handleWhenJsonRegistrationThenMastodonShapedAppWithOneTimeSecret() {
        given().contentType(ContentType.JSON)
                .body(Map.of("client_name", "Tusky", "redirect_uris", "https://tusky.example/cb",
                        "scopes", "read write", "website", "https://tusky.example"))
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("id", notNullValue())
                .body("name", equalTo("Tusky"))
                .body("website", equalTo("https://tusky.example"))
                .body("redirect_uri", equalTo("https://tusky.example/cb"))
                .body("redirect_uris", contains("https://tusky.example/cb"))
                .body("client_id.length()", is(24))
                .body("client_secret.length()", is(43))
                .body("client_secret_expires_at", equalTo(0))
                .body("scopes", contains("read", "write"))
                .body("vapid_key", equalTo(""));
    }

    @Test
    void handleWhenFormRegistrationThenApp() {
        given().contentType(ContentType.URLENC)
                .formParam("client_name", "Form app")
                .formParam("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .body("name", equalTo("Form app"))
                .body("website", nullValue())
                .body("redirect_uris", contains("urn:ietf:wg:oauth:2.0:oob"))
                .body("scopes", contains("read"));
    }

    @Test
    void handleWhenMultipartRegistrationThenApp() {
        given().multiPart("client_name", "Multipart app")
                .multiPart("redirect_uris", "https://multi.example/cb")
                .multiPart("scopes", "read:accounts")
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .body("name", equalTo("Multipart app"))
                .body("redirect_uris", contains("https://multi.example/cb"))
                .body("scopes", contains("read:accounts"));
    }

    @Test
    void handleWhenRedirectUrisStringHasNewlinesAndSpacesThenEachIsRegistered() {
        given().contentType(ContentType.JSON)
                .body(Map.of("client_name", "Multi", "redirect_uris",
                        "https://a.example/cb\nhttp://127.0.0.1:8000/cb  com.example.app:/oauth\r\nurn:ietf:wg:oauth:2.0:oob"))
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .body("redirect_uris", contains("https://a.example/cb", "http://127.0.0.1:8000/cb",
                        "com.example.app:/oauth", "urn:ietf:wg:oauth:2.0:oob"))
                .body("redirect_uri", equalTo(
                        "https://a.example/cb\nhttp://127.0.0.1:8000/cb\ncom.example.app:/oauth\nurn:ietf:wg:oauth:2.0:oob"));
    }

    @Test
    void handleWhenRedirectUrisJsonArrayThenEachIsRegistered() {
        given().contentType(ContentType.JSON)
                .body(Map.of("client_name", "Array", "redirect_uris",
                        List.of("https://a.example/cb", "http://localhost:4000/cb", "http://[::1]/cb")))
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .body("redirect_uris", contains("https://a.example/cb", "http://localhost:4000/cb", "http://[::1]/cb"));
    }

    @Test
    void handleWhenFormRepeatsRedirectUrisThenEachIsRegistered() {
        given().contentType(ContentType.URLENC)
                .formParam("client_name", "Repeated")
                .formParam("redirect_uris[]", "https://a.example/one", "https://a.example/two")
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .body("redirect_uris", contains("https://a.example/one", "https://a.example/two"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example/cb#fragment",
            "/relative/callback",
            "http://app.example/cb",
            "javascript:alert(1)",
            "data:text/html,hi",
            "https://user:pass@app.example/cb",
            "https:///no-host"})
    void handleWhenRedirectUriInvalidThen422InvalidRedirectUri(String redirectUri) {
        assertUnprocessable(Map.of("client_name", "Bad", "redirect_uris", redirectUri), "invalid_redirect_uri");
    }

    @Test
    void handleWhenRedirectUrisMissingThen422InvalidRedirectUri() {
        assertUnprocessable(Map.of("client_name", "No redirect"), "invalid_redirect_uri");
    }

    @Test
    void handleWhenRedirectUrisIsANumberThen422InvalidRedirectUri() {
        assertUnprocessable(Map.of("client_name", "Number", "redirect_uris", 42), "invalid_redirect_uri");
    }

    @Test
    void handleWhenScopeUnknownThen422InvalidScope() {
        assertUnprocessable(Map.of("client_name", "Scopes", "redirect_uris", "https://a.example/cb",
                "scopes", "read write:statuses-not-here"), "invalid_scope");
    }

    /** Self-granted privilege through a Mastodon app: operator-granted scopes cannot be registered. */
    @ParameterizedTest
    @ValueSource(strings = {"read introspection", "read admin:read", "admin"})
    void handleWhenOperatorGrantedScopeRequestedThen422InvalidScope(String scopes) {
        assertUnprocessable(Map.of("client_name", "Sneaky", "redirect_uris", "https://a.example/cb",
                "scopes", scopes), "invalid_scope");
    }

    @Test
    void handleWhenClientNameMissingThen422InvalidClientMetadata() {
        assertUnprocessable(Map.of("redirect_uris", "https://a.example/cb"), "invalid_client_metadata");
    }

    @Test
    void handleWhenClientNameBlankInFormThen422InvalidClientMetadata() {
        given().contentType(ContentType.URLENC)
                .formParam("client_name", "   ")
                .formParam("redirect_uris", "https://a.example/cb")
                .when().post("/api/v1/apps")
                .then().statusCode(422)
                .body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void handleWhenWebsiteNotHttpThen422InvalidClientMetadata() {
        assertUnprocessable(Map.of("client_name", "Site", "redirect_uris", "https://a.example/cb",
                "website", "ftp://files.example"), "invalid_client_metadata");
    }

    @Test
    void handleWhenEmptyJsonBodyThen422() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/apps")
                .then().statusCode(422)
                .body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void handleWhenTextPlainThen415Json() {
        given().contentType(ContentType.TEXT).body("client_name=x")
                .when().post("/api/v1/apps")
                .then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unsupported_media_type"))
                .body("error_description", notNullValue());
    }

    @Test
    void handleWhenMalformedJsonThen400InvalidRequest() {
        given().contentType(ContentType.JSON).body("{\"client_name\": \"x\", ")
                .when().post("/api/v1/apps")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "{\"client_name\": {}}", "\"just a string\"", "{\"client_name\": \"x\", \"website\": [\"https://a.example\"]}"})
    void handleWhenJsonHasWrongShapeThen400InvalidRequest(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/apps")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenRegisteredThenDatabaseHoldsOnlySha256OfSecret() throws Exception {
        TestApps.App app = TestApps.registerDefault();
        assertThat(app.clientSecret().length(), greaterThanOrEqualTo(43));
        assertThat(app.clientSecret(), matchesPattern("[A-Za-z0-9_-]+"));
        assertThat(app.clientSecret(), not(equalTo(app.clientId())));

        List<String> hashes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select s.secret_hash from registration.client_secret s"
                             + " join registration.client c on c.id = s.client_id where c.client_id = ?")) {
            statement.setString(1, app.clientId());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hashes.add(rows.getString(1));
                }
            }
        }
        assertThat(hashes, contains(ClientSecretIssuer.hash(app.clientSecret())));
        assertThat(hashes.get(0).length(), is(43));
        assertThat(hashes.get(0), not(equalTo(app.clientSecret())));
    }

    @Test
    void handleWhenSecretSearchedInEveryTableThenNotFound() throws Exception {
        TestApps.App app = TestApps.registerDefault();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from registration.client c, registration.client_secret s"
                             + " where c::text like ? or s::text like ?")) {
            statement.setString(1, "%" + app.clientSecret() + "%");
            statement.setString(2, "%" + app.clientSecret() + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1), is(0L));
            }
        }
    }

    @Test
    void handleWhenTwoAppsRegisteredThenIdsAndSecretsDiffer() {
        TestApps.App first = TestApps.registerDefault();
        TestApps.App second = TestApps.registerDefault();
        assertThat(first.clientId(), not(equalTo(second.clientId())));
        assertThat(first.clientSecret(), not(equalTo(second.clientSecret())));
    }

    private static void assertUnprocessable(Map<String, Object> body, String error) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/apps")
                .then().statusCode(422)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body("error_description", not(emptyString()))
                .body("$", not(hasKey("client_secret")));
    }
}
