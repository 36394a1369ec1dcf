package org.gatehouse.token.endpoint;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.testing.TestTokens;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gatehouse.token.support.OAuthRequests.introspect;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token introspection (RFC 7662) end to end. */
@QuarkusTest
class IntrospectionEndpointTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Test
    void handleWhenOwnActiveAccessTokenThenActiveWithItsClaims() throws Exception {
        JsonPath tokens = tokens();
        JwtClaims claims = AccessTokens.verify(tokens.getString("access_token")).getJwtClaims();

        introspect(CLIENT, SECRET, tokens.getString("access_token")).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("scope", equalTo("read"))
                .body("client_id", equalTo(CLIENT))
                .body("sub", equalTo(TestCodes.USER_ID))
                .body("exp", equalTo((int) claims.getExpirationTime().getValue()))
                .body("iat", equalTo((int) claims.getIssuedAt().getValue()))
                .body("token_type", equalTo("Bearer"))
                .body("iss", equalTo(AccessTokens.ISSUER))
                .body("aud", equalTo(AccessTokens.ISSUER))
                .body("jti", equalTo(claims.getJwtId()));
    }

    @Test
    void handleWhenOwnCurrentRefreshTokenThenActive() {
        JsonPath tokens = tokens();

        introspect(CLIENT, SECRET, tokens.getString("refresh_token")).then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("client_id", equalTo(CLIENT))
                .body("sub", equalTo(TestCodes.USER_ID))
                .body("token_type", equalTo("refresh_token"));
    }

    @Test
    void handleWhenRefreshTokenRotatedThenInactive() {
        JsonPath tokens = tokens();
        OAuthRequests.refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(200);

        assertOnlyInactive(introspect(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(200)
                .extract().jsonPath());
    }

    @Test
    void handleWhenTokenOfAnotherClientThenInactive() {
        JsonPath tokens = tokens();

        assertOnlyInactive(introspect(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET,
                tokens.getString("access_token")).then().statusCode(200).extract().jsonPath());
        assertOnlyInactive(introspect(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET,
                tokens.getString("refresh_token")).then().statusCode(200).extract().jsonPath());
    }

    @Test
    void handleWhenCallerHoldsIntrospectionPermissionThenAnyTokenVisible() {
        JsonPath tokens = tokens();

        introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, tokens.getString("access_token"))
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("client_id", equalTo(CLIENT));
    }

    @Test
    void handleWhenAccessTokenRevokedThenInactive() {
        JsonPath tokens = tokens();
        OAuthRequests.revoke(CLIENT, SECRET, tokens.getString("access_token")).then().statusCode(200);

        assertOnlyInactive(introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET,
                tokens.getString("access_token")).then().statusCode(200).extract().jsonPath());
    }

    @Test
    void handleWhenAccessTokenRevokedThroughAnotherReplicaThenInactiveWithinFiveSeconds() throws Exception {
        String token = tokens().getString("access_token");
        JwtClaims claims = AccessTokens.verify(token).getJwtClaims();
        introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, token).then().body("active", equalTo(true));

        // Another replica's revocation reaches this one only through the shared table, which it polls every 2 s.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO token.revoked_access_token (jti, exp, revoked_at) VALUES (?, ?, now())")) {
            insert.setString(1, claims.getJwtId());
            insert.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(claims.getExpirationTime().getValue())));
            insert.executeUpdate();
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertOnlyInactive(introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, token)
                        .then().statusCode(200).extract().jsonPath()));
    }

    @Test
    void handleWhenNotOurTokenThenInactive() {
        assertOnlyInactive(introspect(CLIENT, SECRET, "garbage").then().statusCode(200).extract().jsonPath());
        assertOnlyInactive(introspect(CLIENT, SECRET, TestTokens.sign(TestTokens.accessToken("u", CLIENT, "read")))
                .then().statusCode(200).extract().jsonPath());
    }

    @Test
    void handleWhenPublicClientThenInvalidClient() {
        introspect(TestClients.PUBLIC_ID, null, "whatever").then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void handleWhenNoClientAuthenticationThenInvalidClient() {
        given().formParam("token", "whatever").post("/oauth/introspect").then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void handleWhenTokenMissingThenInvalidRequest() {
        OAuthRequests.as(CLIENT, SECRET).formParam("token_type_hint", "access_token").post("/oauth/introspect")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    /** §2.2: an inactive token is described by nothing but {@code active: false}. */
    private static void assertOnlyInactive(JsonPath response) {
        assertEquals(Map.of("active", false), response.getMap(""));
    }

    private static JsonPath tokens() {
        String code = TestCodes.forClient(CLIENT).scope("read").mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
    }
}
