package org.gatehouse.authorization.internal;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** {@code GET /internal/sessions/current}: the developer dashboard's view of the login session. */
@QuarkusTest
class SessionLookupResourceTest {

    private static String asRegistration() {
        return TestTokens.serviceAuthorization("registration-service", "authorization-service");
    }

    @Test
    void handleWhenSessionLiveThenUserAndGoneAfterLogout() {
        String username = TestAccounts.fresh("dash");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String session = browser.cookie(Browser.SESSION_COOKIE);

        given().header("Authorization", asRegistration()).header("X-Session", session)
                .get("/internal/sessions/current").then().statusCode(200)
                .body("user_id", equalTo(TestAccounts.idOf(username)))
                .body("username", equalTo(username));

        String account = browser.get("/account").body().asString();
        browser.post("/logout", Map.of("csrf_token", Browser.csrfToken(account)));
        given().header("Authorization", asRegistration()).header("X-Session", session)
                .get("/internal/sessions/current").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenSessionUnknownMissingOrHugeThenNotFound() {
        for (String session : new String[]{"no-such-session", "", "x".repeat(5000)}) {
            given().header("Authorization", asRegistration()).header("X-Session", session)
                    .get("/internal/sessions/current").then().statusCode(404);
        }
        given().header("Authorization", asRegistration()).get("/internal/sessions/current").then().statusCode(404);
    }

    @Test
    void handleWhenNoServiceTokenThenInvalidToken() {
        given().header("X-Session", "anything").get("/internal/sessions/current").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }
}
