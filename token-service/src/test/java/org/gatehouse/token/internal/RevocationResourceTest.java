package org.gatehouse.token.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gatehouse.testing.TestTokens;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.OAuthRequests.refresh;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The internal revocation API and the denylist feed, as authorization-service and resource-service call them. */
@QuarkusTest
class RevocationResourceTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Test
    void handleWhenUserRevokesAppThenEveryFamilyOfThatPairRevokedAndAccessTokensListed() throws Exception {
        long before = System.currentTimeMillis();
        String user = UUID.randomUUID().toString();
        JsonPath first = tokens(user, CLIENT, SECRET);
        JsonPath second = tokens(user, CLIENT, SECRET);
        JsonPath otherApp = tokens(user, TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET);

        given()
                .header("Authorization", TestTokens.serviceAuthorization("authorization-service", "token-service"))
                .contentType("application/json")
                .body("{\"user_id\":\"" + user + "\",\"client_id\":\"" + CLIENT + "\"}")
                .post("/internal/revocations")
                .then()
                .statusCode(204);

        refresh(CLIENT, SECRET, first.getString("refresh_token")).then().statusCode(400);
        refresh(CLIENT, SECRET, second.getString("refresh_token")).then().statusCode(400);
        refresh(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET, otherApp.getString("refresh_token")).then()
                .statusCode(200);
        OAuthRequests.revokedJtis(before).then()
                .statusCode(200)
                .body("now", greaterThanOrEqualTo(before))
                .body("jtis.jti", hasItems(jti(first), jti(second)))
                .body("jtis.jti", not(hasItem(jti(otherApp))));
    }

    @Test
    void handleWhenNothingToRevokeThenNoContentAnyway() {
        given()
                .header("Authorization", TestTokens.serviceAuthorization("authorization-service", "token-service"))
                .contentType("application/json")
                .body("{\"user_id\":\"nobody\",\"client_id\":\"" + CLIENT + "\"}")
                .post("/internal/revocations")
                .then()
                .statusCode(204);
    }

    @Test
    void handleWhenRevocationIncompleteThenInvalidRequest() {
        given()
                .header("Authorization", TestTokens.serviceAuthorization("authorization-service", "token-service"))
                .contentType("application/json")
                .body("{\"user_id\":\"someone\"}")
                .post("/internal/revocations")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenNoServiceTokenThenInvalidToken() {
        given()
                .contentType("application/json")
                .body("{\"user_id\":\"someone\",\"client_id\":\"" + CLIENT + "\"}")
                .post("/internal/revocations")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().get("/internal/revoked-jtis?since=0").then().statusCode(401);
    }

    @Test
    void handleWhenSinceIsAfterTheRevocationThenNotListedAgain() throws Exception {
        long before = System.currentTimeMillis();
        JsonPath tokens = tokens(UUID.randomUUID().toString(), CLIENT, SECRET);
        OAuthRequests.revoke(CLIENT, SECRET, tokens.getString("access_token")).then().statusCode(200);
        long now = OAuthRequests.revokedJtis(before).then().statusCode(200)
                .body("jtis.jti", hasItem(jti(tokens)))
                .extract().jsonPath().getLong("now");

        OAuthRequests.revokedJtis(now + 1).then().statusCode(200).body("jtis.jti", not(hasItem(jti(tokens))));
        assertTrue(now >= before);
    }

    @Test
    void handleWhenSinceMalformedThenInvalidRequest() {
        given()
                .header("Authorization", TestTokens.serviceAuthorization("resource-service", "token-service"))
                .get("/internal/revoked-jtis?since=yesterday")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private static String jti(JsonPath tokens) throws Exception {
        return AccessTokens.verify(tokens.getString("access_token")).getJwtClaims().getJwtId();
    }

    private static JsonPath tokens(String user, String clientId, String secret) {
        String code = TestCodes.forClient(clientId).user(user).mint().code();
        return OAuthRequests.exchange(clientId, secret, code, null).then().statusCode(200).extract().jsonPath();
    }
}
