package org.gatehouse.token.grant;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.TestClients;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client credentials grant end to end (RFC 6749 §4.4): real rest client, cache, keys and database. */
@QuarkusTest
class ClientCredentialsFlowTest {

    @Test
    void handleWhenClientSecretBasicThenAccessTokenVerifiesAgainstJwks() throws MalformedClaimException {
        ExtractableResponse<Response> response = given()
                .header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("read write:nodes"))
                .body("refresh_token", nullValue())
                .extract();

        String accessToken = response.path("access_token");
        JwtContext verified = AccessTokens.verify(accessToken);
        JwtClaims claims = verified.getJwtClaims();
        assertEquals(TestClients.BASIC_ID, claims.getSubject());
        assertEquals(TestClients.BASIC_ID, claims.getClaimValueAsString("client_id"));
        assertEquals("read write:nodes", claims.getClaimValueAsString("scope"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals((long) claims.getIssuedAt().getValue(), ((Number) response.path("created_at")).longValue());
        UUID.fromString(claims.getJwtId());
        var header = verified.getJoseObjects().get(0);
        assertEquals("at+jwt", header.getHeader("typ"));
        assertEquals("ES256", header.getAlgorithmHeaderValue());
        assertTrue(given().get("/oauth/jwks").asString().contains(header.getKeyIdHeaderValue()));
    }

    @Test
    void handleWhenClientSecretPostThenAccessToken() throws MalformedClaimException {
        String accessToken = given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", TestClients.POST_ID)
                .formParam("client_secret", TestClients.POST_SECRET)
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .body("scope", equalTo("read"))
                .extract().path("access_token");

        assertEquals(TestClients.POST_ID, AccessTokens.verify(accessToken).getJwtClaims().getClaimValueAsString("client_id"));
    }

    @Test
    void handleWhenBasicCredentialsNeedFormEncodingThenDecodedBeforeComparison() throws MalformedClaimException {
        String accessToken = given()
                .header("Authorization", basic(TestClients.SPECIAL_ID, TestClients.SPECIAL_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .extract().path("access_token");

        assertEquals(TestClients.SPECIAL_ID, AccessTokens.verify(accessToken).getJwtClaims().getSubject());
    }

    @Test
    void handleWhenScopeNarrowedThenTokenCarriesOnlyRequestedScope() throws MalformedClaimException {
        String accessToken = given()
                .header("Authorization", basic(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET))
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "read:accounts write:nodes")
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .body("scope", equalTo("read:accounts write:nodes"))
                .extract().path("access_token");

        assertEquals("read:accounts write:nodes",
                AccessTokens.verify(accessToken).getJwtClaims().getClaimValueAsString("scope"));
    }

    @Test
    void handleWhenJsonBodyThenAccessToken() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + TestClients.MASTODON_ID
                        + "\",\"client_secret\":\"" + TestClients.MASTODON_SECRET + "\",\"scope\":\"read write\"}")
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("scope", equalTo("read write"))
                .body("access_token", startsWith("ey"));
    }

    @Test
    void handleWhenApiTokenAliasThenSameGrant() {
        for (String path : new String[]{"/api/token", "/api/token.php"}) {
            given()
                    .header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                    .formParam("grant_type", "client_credentials")
                    .post(path)
                    .then()
                    .statusCode(200)
                    .body("token_type", is("Bearer"));
        }
    }

    @Test
    void handleWhenRotatedSecretThenOldAndNewSecretWork() {
        for (String secret : new String[]{TestClients.ROTATED_OLD_SECRET, TestClients.ROTATED_NEW_SECRET}) {
            given()
                    .header("Authorization", basic(TestClients.ROTATED_ID, secret))
                    .formParam("grant_type", "client_credentials")
                    .post("/oauth/token")
                    .then()
                    .statusCode(200);
        }
    }

    /** RFC 6749 §2.3.1: id and secret are form-URL-encoded, joined by ':', then base64-encoded. */
    static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
