package org.gatehouse.token.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gatehouse.testing.TestTokens;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.OAuthRequests.introspect;
import static org.gatehouse.token.support.OAuthRequests.refresh;
import static org.gatehouse.token.support.OAuthRequests.revoke;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Token revocation (RFC 7009) end to end. */
@QuarkusTest
class RevocationEndpointTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Test
    void handleWhenRefreshTokenRevokedThenFamilyRevokedAndItsAccessTokenDenylisted() throws Exception {
        long before = System.currentTimeMillis();
        JsonPath tokens = tokens();
        String jti = AccessTokens.verify(tokens.getString("access_token")).getJwtClaims().getJwtId();

        revoke(CLIENT, SECRET, tokens.getString("refresh_token")).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body(emptyString());

        refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        OAuthRequests.revokedJtis(before).then().body("jtis.jti", hasItem(jti));
        introspect(CLIENT, SECRET, tokens.getString("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void handleWhenAccessTokenRevokedThenDenylistedUntilItExpiresAndRefreshTokenStillWorks() throws Exception {
        long before = System.currentTimeMillis();
        JsonPath tokens = tokens();
        JwtClaims claims = AccessTokens.verify(tokens.getString("access_token")).getJwtClaims();

        OAuthRequests.as(CLIENT, SECRET)
                .formParam("token", tokens.getString("access_token"))
                .formParam("token_type_hint", "access_token")
                .post("/oauth/revoke")
                .then()
                .statusCode(200);

        JsonPath feed = OAuthRequests.revokedJtis(before).then().statusCode(200).extract().jsonPath();
        long exp = feed.getLong("jtis.find { it.jti == '" + claims.getJwtId() + "' }.exp");
        org.junit.jupiter.api.Assertions.assertEquals(claims.getExpirationTime().getValue(), exp);
        introspect(CLIENT, SECRET, tokens.getString("access_token")).then().body("active", equalTo(false));
        refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void handleWhenClientCredentialsAccessTokenRevokedThenDenylisted() throws Exception {
        long before = System.currentTimeMillis();
        String accessToken = given()
                .header("Authorization", OAuthRequests.basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then().statusCode(200).extract().path("access_token");

        revoke(TestClients.BASIC_ID, TestClients.BASIC_SECRET, accessToken).then().statusCode(200);

        OAuthRequests.revokedJtis(before).then()
                .body("jtis.jti", hasItem(AccessTokens.verify(accessToken).getJwtClaims().getJwtId()));
    }

    @Test
    void handleWhenTokenUnknownOrForeignThenOk() {
        revoke(CLIENT, SECRET, "no-such-token").then().statusCode(200);
        revoke(CLIENT, SECRET, "a.b.c").then().statusCode(200);
        // A well-formed JWT signed by someone else's key is no token of ours either.
        revoke(CLIENT, SECRET, TestTokens.sign(TestTokens.accessToken("u", CLIENT, "read"))).then().statusCode(200);
    }

    @Test
    void handleWhenTokenOfAnotherClientThenRefusedAndNotRevoked() {
        JsonPath tokens = tokens();

        revoke(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET, tokens.getString("refresh_token")).then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
        revoke(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET, tokens.getString("access_token")).then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));

        refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void handleWhenUnsupportedHintThenIgnored() {
        JsonPath tokens = tokens();

        OAuthRequests.as(CLIENT, SECRET)
                .formParam("token", tokens.getString("refresh_token"))
                .formParam("token_type_hint", "urn:example:no-such-type")
                .post("/oauth/revoke")
                .then()
                .statusCode(200);

        refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(400);
    }

    @Test
    void handleWhenPublicClientRevokesItsOwnTokenThenOk() {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(TestClients.PUBLIC_ID).pkce(verifier).mint().code();
        String refreshToken = OAuthRequests.exchange(TestClients.PUBLIC_ID, null, code, verifier).then()
                .statusCode(200).extract().path("refresh_token");

        revoke(TestClients.PUBLIC_ID, null, refreshToken).then().statusCode(200);

        refresh(TestClients.PUBLIC_ID, null, refreshToken).then().statusCode(400);
    }

    @Test
    void handleWhenNoClientAuthenticationThenInvalidClient() {
        given()
                .formParam("token", "whatever")
                .post("/oauth/revoke")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void handleWhenWrongSecretThenInvalidClientAndNothingRevoked() {
        JsonPath tokens = tokens();

        revoke(CLIENT, "wrong-secret", tokens.getString("refresh_token")).then().statusCode(401);

        refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void handleWhenTokenMissingThenInvalidRequest() {
        OAuthRequests.as(CLIENT, SECRET)
                .formParam("token_type_hint", "refresh_token")
                .post("/oauth/revoke")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenJsonBodyThenAccepted() {
        JsonPath tokens = tokens();

        given()
                .header("Authorization", OAuthRequests.basic(CLIENT, SECRET))
                .contentType("application/json")
                .body("{\"token\":\"" + tokens.getString("refresh_token") + "\"}")
                .post("/oauth/revoke")
                .then()
                .statusCode(200);

        refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then().statusCode(400)
                .body("error", not(equalTo("invalid_request")));
    }

    private static JsonPath tokens() {
        String code = TestCodes.forClient(CLIENT).scope("read").mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
    }
}
