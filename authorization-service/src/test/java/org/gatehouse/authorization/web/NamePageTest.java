package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /account/name}: the user's names, kept by registration-service, edited with a plain form. */
@QuarkusTest
class NamePageTest {

    @Test
    void formWhenNotSignedInThenRedirectToLoginReturningHere() {
        Response response = new Browser().get("/account/name");
        assertEquals(302, response.statusCode());
        assertEquals("/login?return_to=%2Faccount%2Fname", response.header("Location"));
    }

    @Test
    void saveWhenNamesGivenThenStoredAndShownOnTheFormAgain() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("names"));
        assertTrue(browser.get("/account").body().asString().contains("href=\"/account/name\""));
        String form = browser.get("/account/name").body().asString();
        Response saved = browser.post("/account/name", Map.of("csrf_token", Browser.csrfToken(form),
                "display_name", "Ada King", "given_name", "Ada", "family_name", "King"));
        assertEquals(303, saved.statusCode());
        assertEquals("/account?notice=name-saved", saved.header("Location"));
        assertTrue(browser.get(saved.header("Location")).body().asString().contains("Name saved."));
        String again = browser.get("/account/name").body().asString();
        assertTrue(again.contains("id=\"given_name\" name=\"given_name\" type=\"text\" maxlength=\"100\" value=\"Ada\""),
                again);
        assertTrue(again.contains("value=\"King\""), again);
        assertTrue(again.contains("value=\"Ada King\""), again);
    }

    @Test
    void saveWhenRegistrationRefusesANameThenFormShownAgainWithItsReasonAndNothingStored() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("names-bad"));
        String csrf = Browser.csrfToken(browser.get("/account/name").body().asString());
        browser.post("/account/name", Map.of("csrf_token", csrf, "display_name", "Ada", "given_name", "Ada"));
        Response refused = browser.post("/account/name", Map.of("csrf_token", csrf, "display_name", "Eve",
                "given_name", "<b>Eve</b>" + "e".repeat(100)));
        assertEquals(400, refused.statusCode());
        String html = refused.body().asString();
        assertTrue(html.contains("given_name must be at most 100 characters long"), html);
        assertFalse(html.contains("<b>Eve</b>"), "the typed name is escaped, never markup");
        String stored = browser.get("/account/name").body().asString();
        assertTrue(stored.contains("value=\"Ada\""), stored);
        assertFalse(stored.contains("Eve"), stored);
    }

    @Test
    void saveWhenPostedWithoutCsrfThenForbiddenAndNothingStored() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("names-csrf"));
        assertEquals(403, browser.post("/account/name", Map.of("display_name", "Forged")).statusCode());
        assertEquals(403, browser.post("/account/name", Map.of("csrf_token", "wrong", "display_name", "Forged"))
                .statusCode());
        assertFalse(browser.get("/account/name").body().asString().contains("Forged"));
    }
}
