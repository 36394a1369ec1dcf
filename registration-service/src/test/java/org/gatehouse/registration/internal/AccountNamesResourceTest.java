package org.gatehouse.registration.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

/** {@code PUT /internal/accounts/{id}/names}: the names a user edits on the account page, released as OIDC claims. */
@QuarkusTest
class AccountNamesResourceTest {

    private TestAccounts.Account account;

    @BeforeEach
    void createAccount() {
        account = TestAccounts.create("Names");
    }

    @Test
    void renameWhenNamesGivenThenStoredTrimmedAndUpdatedAtMovesOn() {
        Instant before = Instant.parse(read().extract().path("updated_at"));
        rename(Map.of("display_name", "  Ada Lovelace ", "given_name", "Ada", "family_name", " Lovelace"))
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("display_name", equalTo("Ada Lovelace"))
                .body("given_name", equalTo("Ada"))
                .body("family_name", equalTo("Lovelace"));
        ValidatableResponse stored = read().statusCode(200)
                .body("display_name", equalTo("Ada Lovelace"))
                .body("given_name", equalTo("Ada"))
                .body("family_name", equalTo("Lovelace"))
                .body("username", equalTo(account.username()));
        assertThat(Instant.parse(stored.extract().path("updated_at")), greaterThan(before));
    }

    @Test
    void renameWhenNamesBlankThenClearedAndDisplayNameFallsBackToUsername() {
        rename(Map.of("display_name", "Ada", "given_name", "Ada", "family_name", "Lovelace")).statusCode(200);
        rename(Map.of("display_name", " ", "given_name", "")).statusCode(200);
        read().body("display_name", equalTo(account.username()))
                .body("given_name", nullValue())
                .body("family_name", nullValue());
    }

    @Test
    void renameWhenNameHasControlCharacterOrIsTooLongThen400AndNothingChanged() {
        rename(Map.of("display_name", "Ada", "given_name", "Ada")).statusCode(200);
        for (Map<String, String> bad : new Map[]{
                Map.of("display_name", "Eve", "given_name", "Eve\u0007"),
                Map.of("display_name", "Eve", "family_name", "x".repeat(101)),
                Map.of("display_name", "Eve\u009b[31m")}) {
            rename(bad).statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("invalid_request"));
        }
        read().body("display_name", equalTo("Ada")).body("given_name", equalTo("Ada"));
    }

    @Test
    void renameWhenAccountUnknownOrBodyMissingThenNotFoundOrInvalidRequest() {
        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(Map.of("display_name", "Ada"))
                .when().put("/internal/accounts/{id}/names", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body("null")
                .when().put("/internal/accounts/{id}/names", account.id())
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    /** Only the account page's service may change a user's names: the resource server, most exposed, may not. */
    @Test
    void renameWhenCalledByResourceServiceOrWithoutServiceTokenThenRefusedAndNothingChanged() {
        rename(Map.of("display_name", "Ada")).statusCode(200);
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .contentType(ContentType.JSON).body(Map.of("display_name", "Mallory"))
                .when().put("/internal/accounts/{id}/names", account.id())
                .then().statusCode(403).body("error", equalTo("access_denied"));
        given().contentType(ContentType.JSON).body(Map.of("display_name", "Mallory"))
                .when().put("/internal/accounts/{id}/names", account.id())
                .then().statusCode(401);
        read().body("display_name", equalTo("Ada"));
    }

    private ValidatableResponse rename(Map<String, String> names) {
        return given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(new HashMap<>(names))
                .when().put("/internal/accounts/{id}/names", account.id())
                .then();
    }

    private ValidatableResponse read() {
        return given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .when().get("/internal/accounts/{id}", account.id())
                .then();
    }
}
