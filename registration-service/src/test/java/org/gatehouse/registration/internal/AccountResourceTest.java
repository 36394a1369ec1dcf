package org.gatehouse.registration.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountResourceTest {

    private static final String AUTHENTICATE = "/internal/accounts/authenticate";

    private TestAccounts.Account account;

    @BeforeEach
    void createAccount() {
        account = TestAccounts.create("Internal");
    }

    @Test
    void handleWhenUsernameAndPasswordRightThenAccountInContractShape() {
        Map<String, Object> body = authenticate(Map.of("username", account.username(), "password", account.password()))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("id", equalTo(account.id().toString()))
                .body("username", equalTo(account.username()))
                .body("email", nullValue())
                .body("display_name", equalTo(account.username()))
                .body("created_at", notNullValue())
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), containsInAnyOrder("id", "username", "email", "display_name", "given_name",
                "family_name", "middle_name", "nickname", "profile", "picture", "website", "gender", "birthdate",
                "zoneinfo", "locale", "created_at", "updated_at"));
        OffsetDateTime.parse((String) body.get("created_at"));
    }

    @Test
    void handleWhenUsernameInOtherCaseThenSameAccount() {
        authenticate(Map.of("username", account.username().toUpperCase(), "password", account.password()))
                .statusCode(200)
                .body("id", equalTo(account.id().toString()));
    }

    @Test
    void handleWhenUserKeyAndPasswordRightThenAccount() {
        authenticate(Map.of("user_key", account.userKey(), "password", account.password()))
                .statusCode(200)
                .body("id", equalTo(account.id().toString()));
    }

    @Test
    void handleWhenPasswordWrongThen401InvalidGrant() {
        assertInvalidGrant(authenticate(Map.of("username", account.username(), "password", "wrong-but-long-enough")));
        assertInvalidGrant(authenticate(Map.of("user_key", account.userKey(), "password", "wrong-but-long-enough")));
        assertInvalidGrant(authenticate(Map.of("username", account.username(),
                "password", account.password().toUpperCase())));
    }

    @Test
    void handleWhenAccountUnknownThen401InvalidGrantLikeAWrongPassword() {
        String wrongPassword = authenticate(Map.of("username", account.username(), "password", "wrong-but-long-enough"))
                .extract().body().asString();
        String unknownUser = authenticate(Map.of("username", "nobody_" + UUID.randomUUID().toString().substring(0, 8),
                "password", "wrong-but-long-enough")).extract().body().asString();
        assertThat(unknownUser, equalTo(wrongPassword));
        assertInvalidGrant(authenticate(Map.of("user_key", "uk_AAAAAAAAAAAAAAAAAAAAAA", "password", account.password())));
    }

    @ParameterizedTest
    @ValueSource(ints = {1025, 10_000})
    void handleWhenPasswordLongerThan1024ThenInvalidGrant(int length) {
        assertInvalidGrant(authenticate(Map.of("username", account.username(), "password", "x".repeat(length))));
    }

    @Test
    void handleWhenIdentifierOverlongThenInvalidGrant() {
        assertInvalidGrant(authenticate(Map.of("username", "u".repeat(5000), "password", account.password())));
    }

    @Test
    void handleWhenBothOrNeitherIdentifierThen400InvalidRequest() {
        Map<String, Object> both = new HashMap<>(Map.of("username", account.username(), "user_key", account.userKey(),
                "password", account.password()));
        authenticate(both).statusCode(400).body("error", equalTo("invalid_request"));
        authenticate(Map.of("password", account.password())).statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenPasswordOrBodyMissingThen400InvalidRequest() {
        authenticate(Map.of("username", account.username())).statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", TestAccounts.fromAuthorizationService()).contentType(ContentType.JSON).body("")
                .when().post(AUTHENTICATE)
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenAccountReadByIdThenSameRecord() {
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .when().get("/internal/accounts/{id}", account.id())
                .then().statusCode(200)
                .body("id", equalTo(account.id().toString()))
                .body("username", equalTo(account.username()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-0000-0000-000000000000", "not-a-uuid", "1-1-1-1-1"})
    void handleWhenAccountIdUnknownThen404NotFound(String id) {
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .when().get("/internal/accounts/{id}", id)
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenNoServiceTokenThen401InvalidToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", account.username(), "password", account.password()))
                .when().post(AUTHENTICATE)
                .then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().when().get("/internal/accounts/{id}", account.id()).then().statusCode(401);
    }

    private static ValidatableResponse authenticate(Map<String, Object> body) {
        return given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(body)
                .when().post(AUTHENTICATE)
                .then();
    }

    private static void assertInvalidGrant(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .header("WWW-Authenticate", containsString("invalid_grant"))
                .body("error", equalTo("invalid_grant"));
    }
}
