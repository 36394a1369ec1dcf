package org.gatehouse.registration.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code PUT /internal/accounts/{id}/profile}: the profile claims a user edits on the account page (OIDC Core §5.1),
 * released as claims by UserInfo.
 */
@QuarkusTest
class AccountProfileResourceTest {

    private static final List<String> CLAIMS = List.of("given_name", "family_name", "middle_name", "nickname",
            "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale");

    private TestAccounts.Account account;

    @BeforeEach
    void createAccount() {
        account = TestAccounts.create("Profile");
    }

    @Test
    void changeProfileWhenNamesGivenThenStoredTrimmedAndUpdatedAtMovesOn() {
        Instant before = Instant.parse(read().extract().path("updated_at"));
        change(Map.of("display_name", "  Ada Lovelace ", "given_name", "Ada", "family_name", " Lovelace"))
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

    /** Every §5.1 profile claim round-trips; a zone and a language tag are stored in their canonical spelling. */
    @Test
    void changeProfileWhenEveryClaimGivenThenStoredAndReadBackCanonical() {
        change(every()).statusCode(200).body("zoneinfo", equalTo("Europe/Paris"));
        read().statusCode(200)
                .body("display_name", equalTo("Augusta Ada King"))
                .body("given_name", equalTo("Augusta"))
                .body("family_name", equalTo("King"))
                .body("middle_name", equalTo("Ada"))
                .body("nickname", equalTo("Ada"))
                .body("profile", equalTo("https://people.example.org/ada"))
                .body("picture", equalTo("https://img.example.org/ada.png?size=256"))
                .body("website", equalTo("http://ada.example.com/"))
                .body("gender", equalTo("female"))
                .body("birthdate", equalTo("1815-12-10"))
                .body("zoneinfo", equalTo("Europe/Paris"))
                .body("locale", equalTo("en-GB"));
        // The other two shapes of birthdate, a year withheld (a leap day is then any year's) or the year alone.
        for (String birthdate : List.of("0000-02-29", "1815")) {
            Map<String, String> claims = every();
            claims.put("birthdate", birthdate);
            change(claims).statusCode(200);
            read().body("birthdate", equalTo(birthdate));
        }
    }

    @Test
    void changeProfileWhenClaimsBlankOrAbsentThenClearedAndDisplayNameFallsBackToUsername() {
        change(every()).statusCode(200);
        change(Map.of("display_name", " ", "given_name", "", "website", "  ")).statusCode(200);
        ValidatableResponse cleared = read().body("display_name", equalTo(account.username()));
        for (String claim : CLAIMS) {
            cleared.body(claim, nullValue());
        }
    }

    /**
     * OIDC Core §5.1 shapes: each value a claim does not allow is refused with {@code invalid_request} naming the field
     * (a control character is refused for the whole body before any field is read), and the request changes nothing,
     * not even its valid fields or {@code updated_at}.
     */
    @Test
    void changeProfileWhenAnyClaimInvalidThen400NamingItAndNothingChanged() {
        change(every()).statusCode(200);
        String updatedAt = read().extract().path("updated_at");
        String future = LocalDate.now().plusYears(2).toString();
        String control = "control character";
        List<List<String>> refused = List.of(
                List.of("display_name", "Eve\u009b[31m", control),
                List.of("given_name", "Eve\u0007", control),
                List.of("family_name", "x".repeat(101)),
                List.of("middle_name", "x".repeat(101)),
                List.of("nickname", "Eve\nAdmin", control),
                // Display spoofing: a right-to-left override makes "Eve\u202Enimda" read as "Eveadmin" reversed.
                List.of("nickname", "Eve\u202Enimda", "invisible formatting"),
                List.of("given_name", "Ev\u200Be", "invisible formatting"),
                List.of("gender", "g".repeat(101)),
                List.of("profile", "javascript:alert(1)"),
                List.of("profile", "//people.example.org/eve"),
                List.of("picture", "https://ada.example.org@evil.example/eve.png"),
                List.of("picture", "https://img.example.org/a b.png"),
                List.of("website", "ftp://eve.example/"),
                List.of("website", "https://eve.example/\u202Egnp.exe", "invisible formatting"),
                List.of("website", "https://eve.example:99999/"),
                List.of("website", "https://eve.example/" + "x".repeat(2000)),
                List.of("birthdate", "1990-02-30"),
                List.of("birthdate", "1990-13-01"),
                List.of("birthdate", "10/12/1815"),
                List.of("birthdate", "19901201"),
                List.of("birthdate", "0000"),
                List.of("birthdate", future),
                List.of("zoneinfo", "Mars/Olympus_Mons"),
                List.of("zoneinfo", "+01:00"),
                List.of("zoneinfo", "SystemV/AST4"),
                List.of("locale", "en_US"),
                List.of("locale", "en-US-"),
                List.of("locale", "i-klingon"),
                List.of("locale", "x-private"));
        for (List<String> bad : refused) {
            Map<String, String> claims = every();
            claims.put("display_name", "Eve");
            claims.put("given_name", "Eve");
            claims.put(bad.get(0), bad.get(1));
            change(claims).statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("invalid_request"))
                    .body("error_description", containsString(bad.size() == 3 ? bad.get(2) : bad.get(0)));
            read().body("display_name", equalTo("Augusta Ada King"))
                    .body("given_name", equalTo("Augusta"))
                    .body("birthdate", equalTo("1815-12-10"))
                    .body("updated_at", equalTo(updatedAt));
        }
    }

    /** {@code updated_at} is when the information changed (OIDC Core §5.1), not when a form was last saved. */
    @Test
    void changeProfileWhenNothingChangesThenUpdatedAtStays() {
        change(every()).statusCode(200);
        String updatedAt = read().extract().path("updated_at");
        change(every()).statusCode(200).body("updated_at", equalTo(updatedAt));
        Map<String, String> moved = every();
        moved.put("zoneinfo", "Europe/London");
        change(moved).statusCode(200);
        assertThat(Instant.parse(read().body("zoneinfo", equalTo("Europe/London")).extract().path("updated_at")),
                greaterThan(Instant.parse(updatedAt)));
    }

    @Test
    void changeProfileWhenAccountUnknownOrBodyMissingThenNotFoundOrInvalidRequest() {
        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(Map.of("display_name", "Ada"))
                .when().put("/internal/accounts/{id}/profile", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body("null")
                .when().put("/internal/accounts/{id}/profile", account.id())
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    /** Only the account page's service may change a user's profile: the resource server, most exposed, may not. */
    @Test
    void changeProfileWhenCalledByResourceServiceOrWithoutServiceTokenThenRefusedAndNothingChanged() {
        change(Map.of("display_name", "Ada")).statusCode(200);
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .contentType(ContentType.JSON).body(Map.of("display_name", "Mallory"))
                .when().put("/internal/accounts/{id}/profile", account.id())
                .then().statusCode(403).body("error", equalTo("access_denied"));
        given().contentType(ContentType.JSON).body(Map.of("display_name", "Mallory"))
                .when().put("/internal/accounts/{id}/profile", account.id())
                .then().statusCode(401);
        read().body("display_name", equalTo("Ada"));
    }

    /** Every claim, as a user might type them (spaces around, a zone and a tag in another case). */
    private static Map<String, String> every() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("display_name", "Augusta Ada King");
        claims.put("given_name", "Augusta");
        claims.put("family_name", "King");
        claims.put("middle_name", "Ada");
        claims.put("nickname", "Ada");
        claims.put("profile", " https://people.example.org/ada ");
        claims.put("picture", "https://img.example.org/ada.png?size=256");
        claims.put("website", "http://ada.example.com/");
        claims.put("gender", "female");
        claims.put("birthdate", "1815-12-10");
        claims.put("zoneinfo", "europe/paris");
        claims.put("locale", "en-gb");
        return claims;
    }

    private ValidatableResponse change(Map<String, String> claims) {
        return given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(new HashMap<>(claims))
                .when().put("/internal/accounts/{id}/profile", account.id())
                .then();
    }

    private ValidatableResponse read() {
        return given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "registration-service"))
                .when().get("/internal/accounts/{id}", account.id())
                .then();
    }
}
