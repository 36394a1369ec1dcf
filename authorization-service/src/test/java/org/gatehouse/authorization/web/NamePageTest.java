package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /account/name}: the user's names and other profile claims, kept by registration-service, edited with a plain
 * form.
 */
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
        assertTrue(browser.get(saved.header("Location")).body().asString().contains("Name and profile saved."));
        String again = browser.get("/account/name").body().asString();
        assertTrue(again.contains("id=\"given_name\" name=\"given_name\" type=\"text\" maxlength=\"100\" value=\"Ada\""),
                again);
        assertTrue(again.contains("value=\"King\""), again);
        assertTrue(again.contains("value=\"Ada King\""), again);
    }

    @Test
    void saveWhenEveryProfileClaimGivenThenSentToRegistrationAndShownOnTheFormAgain() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("profile"));
        String csrf = Browser.csrfToken(browser.get("/account/name").body().asString());
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("display_name", "Augusta Ada King");
        claims.put("given_name", "Augusta");
        claims.put("middle_name", "Ada");
        claims.put("family_name", "King");
        claims.put("nickname", "Ada");
        claims.put("profile", "https://people.example.org/ada");
        claims.put("picture", "https://img.example.org/ada.png?size=256&v=2");
        claims.put("website", "https://ada.example.com/");
        claims.put("gender", "female");
        claims.put("birthdate", "0000-12-10");
        claims.put("zoneinfo", "Europe/London");
        claims.put("locale", "en-GB");
        Map<String, String> form = new HashMap<>(claims);
        form.put("csrf_token", csrf);
        assertEquals(303, browser.post("/account/name", form).statusCode());
        String again = browser.get("/account/name").body().asString();
        for (Map.Entry<String, String> claim : claims.entrySet()) {
            String value = claim.getValue().replace("&", "&amp;");
            assertTrue(again.contains("id=\"" + claim.getKey() + "\" name=\"" + claim.getKey() + "\"")
                    && again.contains("value=\"" + value + "\""), claim + " in " + again);
        }
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

    /** A refused claim keeps everything the user typed on the form, escaped, and stores none of it. */
    @Test
    void saveWhenRegistrationRefusesABirthdateThenEveryTypedValueShownAgainAndNothingStored() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("profile-bad"));
        String csrf = Browser.csrfToken(browser.get("/account/name").body().asString());
        Response refused = browser.post("/account/name", Map.of("csrf_token", csrf, "nickname", "Eve",
                "website", "https://eve.example/\"><script>alert(1)</script>", "birthdate", "10/12/1815"));
        assertEquals(400, refused.statusCode());
        String html = refused.body().asString();
        assertTrue(html.contains("birthdate must be a date as YYYY-MM-DD"), html);
        assertTrue(html.contains("value=\"Eve\"") && html.contains("value=\"10/12/1815\""), html);
        assertFalse(html.contains("<script>alert(1)"), "the typed URL is escaped, never markup");
        String stored = browser.get("/account/name").body().asString();
        assertFalse(stored.contains("Eve"), stored);
        assertFalse(stored.contains("10/12/1815"), stored);
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
