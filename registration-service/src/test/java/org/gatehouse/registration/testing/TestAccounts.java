package org.gatehouse.registration.testing;

import io.restassured.http.ContentType;
import org.gatehouse.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Accounts created through the public {@code POST /register}, the way a user would, with unique usernames. */
public final class TestAccounts {

    public static final String PASSWORD = "violet-harbour-lantern-42";

    private TestAccounts() {
    }

    /** An account: its id (what tokens and sessions name), username, user key and password. */
    public record Account(UUID id, String username, String userKey, String password) {
    }

    /** A username no other test uses, starting with {@code base}. */
    public static String uniqueUsername(String base) {
        return base + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An e-mail address no other test uses, as the user would type it: {@code <base>_<random>@Example.com}. */
    public static String uniqueAddress(String base) {
        return uniqueUsername(base) + "@Example.com";
    }

    public static Account create(String base) {
        String username = uniqueUsername(base);
        String userKey = given().contentType(ContentType.JSON)
                .body(Map.of("user_id", username, "user_secret", PASSWORD))
                .when().post("/register")
                .then().statusCode(201)
                .extract().path("user_key");
        String id = given().header("Authorization", fromAuthorizationService())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .when().post("/internal/accounts/authenticate")
                .then().statusCode(200)
                .extract().path("id");
        return new Account(UUID.fromString(id), username, userKey, PASSWORD);
    }

    public static String fromAuthorizationService() {
        return TestTokens.serviceAuthorization("authorization-service", "registration-service");
    }
}
