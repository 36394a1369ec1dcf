package org.gatehouse.registration.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.gatehouse.registration.testing.HtmlForms;
import org.gatehouse.registration.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SignupPageTest {

    private static final String PASSWORD = "copper-meadow-violin-17";

    @Test
    void handleWhenFormRequestedThenCsrfTokenInFormAndStrictCookieAndSecurityHeaders() {
        ExtractableResponse<Response> page = HtmlForms.assertSecurityHeaders(given().when().get("/signup").then())
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(allOf(containsString("name=\"username\""), containsString("name=\"email\""),
                        containsString("name=\"display_name\""), containsString("name=\"password\"")))
                .header("Set-Cookie", allOf(containsString(HtmlForms.CSRF_COOKIE + "="), containsString("HttpOnly"),
                        containsString("SameSite=Strict")))
                .extract();
        String token = HtmlForms.csrfToken(page);
        org.hamcrest.MatcherAssert.assertThat(token, matchesPattern("[A-Za-z0-9_-]{43}"));
        org.hamcrest.MatcherAssert.assertThat(page.cookie(HtmlForms.CSRF_COOKIE), equalTo(token));
    }

    @Test
    void handleWhenSubmittedWithCsrfThenAccountCreatedAndPageLinksToAccount() {
        String username = TestAccounts.uniqueUsername("Signup");
        HtmlForms.assertSecurityHeaders(submit(Map.of("username", username, "email", username + "@example.org",
                "display_name", "Sign Up", "password", PASSWORD)))
                .statusCode(201)
                .contentType(ContentType.HTML)
                .body(allOf(containsString("href=\"/account\""), containsString(username),
                        not(containsString(PASSWORD))));

        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username.toLowerCase(), "password", PASSWORD))
                .when().post("/internal/accounts/authenticate")
                .then().statusCode(200)
                .body("username", equalTo(username))
                .body("email", equalTo(username + "@example.org"))
                .body("display_name", equalTo("Sign Up"));
    }

    @Test
    void handleWhenReturnToIsLocalThen303ThereAfterSignUp() {
        String returnTo = "/oauth/authorize?client_id=abc&response_type=code";
        ExtractableResponse<Response> form = given().queryParam("return_to", returnTo).when().get("/signup")
                .then().statusCode(200)
                .body(containsString("name=\"return_to\""))
                .extract();
        HtmlForms.assertSecurityHeaders(given().redirects().follow(false)
                .cookie(HtmlForms.CSRF_COOKIE, HtmlForms.csrfToken(form))
                .contentType(ContentType.URLENC)
                .formParams(Map.of("username", TestAccounts.uniqueUsername("ret"), "password", PASSWORD,
                        "csrf_token", HtmlForms.csrfToken(form), "return_to", returnTo))
                .when().post("/signup")
                .then())
                .statusCode(303)
                .header("Location", returnTo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/x", "/\\evil.example"})
    void handleWhenReturnToNotLocalThenIgnored(String returnTo) {
        submit(Map.of("username", TestAccounts.uniqueUsername("evil"), "password", PASSWORD, "return_to", returnTo))
                .statusCode(201)
                .header("Location", nullValue());
    }

    @Test
    void handleWhenCsrfTokenMissingThen403AndNoAccount() {
        String username = TestAccounts.uniqueUsername("nocsrf");
        HtmlForms.assertSecurityHeaders(given().contentType(ContentType.URLENC)
                .formParams(Map.of("username", username, "password", PASSWORD))
                .when().post("/signup")
                .then())
                .statusCode(403)
                .contentType(ContentType.HTML);
        assertNoAccount(username);
    }

    @Test
    void handleWhenCsrfTokenDoesNotMatchCookieThen403() {
        String username = TestAccounts.uniqueUsername("badcsrf");
        given().cookie(HtmlForms.CSRF_COOKIE, "A".repeat(43))
                .contentType(ContentType.URLENC)
                .formParams(Map.of("username", username, "password", PASSWORD, "csrf_token", "B".repeat(43)))
                .when().post("/signup")
                .then().statusCode(403);
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("username", username, "password", PASSWORD, "csrf_token", "B".repeat(43)))
                .when().post("/signup")
                .then().statusCode(403);
        assertNoAccount(username);
    }

    @Test
    void handleWhenPasswordWeakThen400FormWithReasonAndFieldsKeptButNotThePassword() {
        String username = TestAccounts.uniqueUsername("weakpage");
        submit(Map.of("username", username, "email", "weak@example.org", "password", "password1234"))
                .statusCode(400)
                .contentType(ContentType.HTML)
                .body(allOf(containsString("role=\"alert\""), containsString("commonly used"),
                        containsString("value=\"" + username + "\""), containsString("value=\"weak@example.org\""),
                        not(containsString("password1234"))));
        assertNoAccount(username);
    }

    @Test
    void handleWhenUsernameOrEmailTakenThen409Form() {
        String username = TestAccounts.uniqueUsername("taken");
        submit(Map.of("username", username, "email", username + "@example.org", "password", PASSWORD)).statusCode(201);
        submit(Map.of("username", username.toUpperCase(), "password", PASSWORD))
                .statusCode(409)
                .body(containsString("already taken"));
        submit(Map.of("username", TestAccounts.uniqueUsername("other"), "email",
                username.toUpperCase() + "@EXAMPLE.org", "password", PASSWORD))
                .statusCode(409)
                .body(containsString("email address already exists"));
    }

    @Test
    void handleWhenUsernameIsAnEmailAddressThenAccountCreatedWithThatAddressAsEmail() {
        given().when().get("/signup").then().statusCode(200)
                .body(allOf(containsString("maxlength=\"254\""), containsString("e-mail address")));
        String address = TestAccounts.uniqueAddress("Page");
        submit(Map.of("username", address, "password", PASSWORD))
                .statusCode(201)
                .body(containsString(address));

        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON)
                .body(Map.of("username", address.toLowerCase(), "password", PASSWORD))
                .when().post("/internal/accounts/authenticate")
                .then().statusCode(200)
                .body("username", equalTo(address))
                .body("email", equalTo(address));
    }

    @Test
    void handleWhenUsernameIsAnAddressAndEmailAnotherThen400FormAndNoAccount() {
        String address = TestAccounts.uniqueAddress("two");
        submit(Map.of("username", address, "email", "someone-else@example.org", "password", PASSWORD))
                .statusCode(400)
                .body(allOf(containsString("role=\"alert\""), containsString("same address as the username")));
        assertNoAccount(address);
        submit(Map.of("username", address, "email", address.toUpperCase(), "password", PASSWORD)).statusCode(201);
    }

    /** One address, one account: an address user name may not take over another account's e-mail address. */
    @Test
    void handleWhenUsernameIsAnotherAccountsEmailThen409Form() {
        String address = TestAccounts.uniqueAddress("owned");
        submit(Map.of("username", TestAccounts.uniqueUsername("owner"), "email", address, "password", PASSWORD))
                .statusCode(201);
        submit(Map.of("username", address.toLowerCase(), "password", PASSWORD))
                .statusCode(409)
                .body(containsString("email address already exists"));
    }

    @Test
    void handleWhenStylesheetRequestedThenServed() {
        given().when().get("/developer/assets/gatehouse.css").then().statusCode(200).contentType("text/css");
    }

    /** Loads the form like a browser, then posts it with the token from the page and its cookie. */
    private static ValidatableResponse submit(Map<String, String> fields) {
        ExtractableResponse<Response> form = given().when().get("/signup").then().statusCode(200).extract();
        String token = HtmlForms.csrfToken(form);
        return given().redirects().follow(false)
                .cookie(HtmlForms.CSRF_COOKIE, form.cookie(HtmlForms.CSRF_COOKIE))
                .contentType(ContentType.URLENC)
                .formParams(fields).formParam("csrf_token", token)
                .when().post("/signup")
                .then();
    }

    private static void assertNoAccount(String username) {
        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .when().post("/internal/accounts/authenticate")
                .then().statusCode(401);
    }
}
