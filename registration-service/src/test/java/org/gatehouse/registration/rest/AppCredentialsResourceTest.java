package org.gatehouse.registration.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.testing.TestAccessTokens;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AppCredentialsResourceTest {

    private static final String PATH = "/api/v1/apps/verify_credentials";

    private TestApps.App app;

    @BeforeEach
    void registerApp() {
        app = TestApps.register(Map.of("client_name", "Verifier", "redirect_uris", "https://verifier.example/cb",
                "scopes", "read write", "website", "https://verifier.example"));
    }

    @Test
    void handleWhenValidAccessTokenThenAppWithTokenScopes() {
        given().auth().oauth2(TestAccessTokens.valid(app.clientId(), "read"))
                .when().get(PATH)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("name", equalTo("Verifier"))
                .body("website", equalTo("https://verifier.example"))
                .body("scopes", contains("read"))
                .body("$", not(org.hamcrest.Matchers.hasKey("client_secret")));
    }

    @Test
    void handleWhenTokenHasNoScopeClaimThenAppScopes() {
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").remove("scope"));
        given().auth().oauth2(token)
                .when().get(PATH)
                .then().statusCode(200)
                .body("scopes", contains("read", "write"));
    }

    @Test
    void handleWhenTokenTypeIsApplicationAtJwtThenAccepted() {
        String token = TestAccessTokens.withType(TestTokens.accessToken("user-1", app.clientId(), "read"),
                "application/at+jwt");
        given().auth().oauth2(token).when().get(PATH).then().statusCode(200);
    }

    @Test
    void handleWhenNoTokenThen401InvalidToken() {
        assertInvalidToken(given().when().get(PATH).then());
    }

    @Test
    void handleWhenBasicCredentialsInsteadOfBearerThen401InvalidToken() {
        assertInvalidToken(given().auth().preemptive().basic(app.clientId(), app.clientSecret()).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenIsNotAJwtThen401InvalidToken() {
        assertInvalidToken(given().auth().oauth2("not-a-jwt").when().get(PATH).then());
    }

    @Test
    void handleWhenTokenExpiredThen401InvalidToken() {
        long now = Instant.now().getEpochSecond();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read")
                .issuedAt(now - 600).expiresAt(now - 300));
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenTamperedThen401InvalidToken() {
        String token = TestAccessTokens.tampered(TestAccessTokens.valid(app.clientId(), "read"),
                "\"scope\":\"read\"", "\"scope\":\"admin\"");
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenAlgNoneThen401InvalidToken() {
        String token = TestAccessTokens.unsigned(TestAccessTokens.valid(app.clientId(), "read"));
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenSignedByUnknownKeyThen401InvalidToken() {
        String token = TestAccessTokens.signedByStranger(TestTokens.accessToken("user-1", app.clientId(), "read"));
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenIssuerWrongThen401InvalidToken() {
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read")
                .issuer("https://evil.example"));
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenAudienceIsAnotherResourceThen401InvalidToken() {
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read")
                .audience("https://other-resource.example"));
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenTypIsPlainJwtThen401InvalidToken() {
        String token = TestAccessTokens.withType(TestTokens.accessToken("user-1", app.clientId(), "read"), "JWT");
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenHasNoTypThen401InvalidToken() {
        String token = TestAccessTokens.withType(TestTokens.accessToken("user-1", app.clientId(), "read"), null);
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenServiceJwtUsedAsAccessTokenThen401InvalidToken() {
        String serviceToken = TestTokens.serviceAuthorization("token-service", "registration-service").substring(7);
        assertInvalidToken(given().auth().oauth2(serviceToken).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenClaimTypIsRefreshThen401InvalidToken() {
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("typ", "Refresh"));
        assertInvalidToken(given().auth().oauth2(token).when().get(PATH).then());
    }

    @Test
    void handleWhenTokenNamesUnknownClientThen401InvalidToken() {
        assertInvalidToken(given().auth().oauth2(TestAccessTokens.valid("no-such-client", "read")).when().get(PATH).then());
    }

    private static void assertInvalidToken(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", allOf(startsWith("Bearer "), containsString("error=\"invalid_token\"")))
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_token"))
                .body("error_description", notNullValue());
    }
}
