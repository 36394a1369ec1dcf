package org.gatehouse.resource.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class AccountResourceTest {

    @Test
    void verifyCredentialsWhenReadAccountsThenMastodonAccount() {
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "read:accounts"));
        given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials").then().statusCode(200)
                .body("id", equalTo(SiblingDoubles.ALICE_ID))
                .body("username", equalTo("alice"))
                .body("acct", equalTo("alice"))
                .body("display_name", equalTo("Alice Liddell"))
                .body("created_at", equalTo("2026-01-02T03:04:05.000Z"))
                .body("url", equalTo("http://localhost:8080/@alice"))
                .body("source.privacy", notNullValue());
    }

    @Test
    void verifyCredentialsWhenUsernameIsAnAddressThenUsernameIsTheAddressAndUrlEncodesIt() {
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ADDRESS_USER_ID, "app-1",
                "read:accounts"));
        given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials").then().statusCode(200)
                .body("id", equalTo(SiblingDoubles.ADDRESS_USER_ID))
                .body("username", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                .body("acct", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                .body("display_name", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                .body("url", equalTo("http://localhost:8080/@Alice.Liddell%2Btea%40Example.com"));
    }

    @Test
    void verifyCredentialsWhenOnlyWriteScopeThenInsufficientScope() {
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "write"));
        given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }

    /** Apps call verify_credentials to learn whether their token still works: a revocation holds at once. */
    @Test
    void verifyCredentialsWhenTokenRevokedThenRefusedOnTheVeryNextCall() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "read")
                .claim("jti", jti));
        given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials").then().statusCode(200);

        TestJwksResource.revoke(jti);

        given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }
}
