package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.ThirdPartyPages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exposure profiles on the account pages: list, create, edit, delete with plain forms. */
@QuarkusTest
class ProfilePageTest {

    private static final Pattern PROFILE_ID = Pattern.compile("<li class=\"app profile\" id=\"profile-([0-9a-f-]{36})\">\\s*<h3>([^<]*)</h3>");

    @Test
    void handleWhenAccountShownThenDefaultProfilesListedWithDescriptions() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("pages-defaults"));
        String html = browser.get("/account").body().asString();
        assertTrue(html.contains("<h2>Exposure profiles</h2>"), html);
        assertTrue(html.contains("<h3>Basic</h3>"));
        assertTrue(html.contains("<h3>Everything</h3>"));
        assertTrue(html.contains("See your name and profile"));
        assertTrue(html.contains("href=\"/account/profiles/new\""));
    }

    @Test
    void handleWhenProfileCreatedEditedAndDeletedThroughFormsThenApiAgrees() {
        String username = TestAccounts.fresh("pages-crud");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String form = browser.get("/account/profiles/new").body().asString();
        assertTrue(form.contains("name=\"permissions\" value=\"read:nodes\""), form);
        assertTrue(form.contains("Read your nodes"));
        String csrf = Browser.csrfToken(form);

        Response created = browser.post("/account/profiles", List.of("csrf_token", csrf, "name", "Reading",
                "permissions", "read:nodes", "permissions", "profile"));
        assertEquals(303, created.statusCode());
        assertEquals("/account?notice=profile-created", created.header("Location"));
        String account = browser.get(created.header("Location")).body().asString();
        assertTrue(account.contains("Profile created."));
        String id = idOf(account, "Reading");
        given().header("Authorization", FirstPartyTokens.bearerFor(username)).get("/api/v1/exposure-profiles/" + id)
                .then().statusCode(200).body("permissions", equalTo(List.of("profile", "read:nodes")));

        String edit = browser.get("/account/profiles/" + id).body().asString();
        assertTrue(edit.contains("value=\"Reading\""));
        assertTrue(edit.contains("value=\"read:nodes\" checked"), edit);
        assertFalse(edit.contains("value=\"write:nodes\" checked"));
        Response saved = browser.post("/account/profiles/" + id, List.of("csrf_token", csrf, "name", "Writing",
                "permissions", "write:nodes"));
        assertEquals(303, saved.statusCode());
        given().header("Authorization", FirstPartyTokens.bearerFor(username)).get("/api/v1/exposure-profiles/" + id)
                .then().body("name", equalTo("Writing")).body("permissions", equalTo(List.of("write:nodes")));

        Response deleted = browser.post("/account/profiles/" + id + "/delete", List.of("csrf_token", csrf));
        assertEquals(303, deleted.statusCode());
        assertEquals("/account?notice=profile-deleted", deleted.header("Location"));
        given().header("Authorization", FirstPartyTokens.bearerFor(username)).get("/api/v1/exposure-profiles/" + id)
                .then().statusCode(404);
    }

    @Test
    void handleWhenFormInvalidThenShownAgainWithErrorAndInput() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("pages-invalid"));
        String csrf = Browser.csrfToken(browser.get("/account").body().asString());
        Response taken = browser.post("/account/profiles", List.of("csrf_token", csrf, "name", "BASIC",
                "permissions", "email"));
        assertEquals(409, taken.statusCode());
        String html = taken.body().asString();
        assertTrue(html.contains("already have a profile with this name"), html);
        assertTrue(html.contains("value=\"BASIC\""));
        assertTrue(html.contains("value=\"email\" checked"));

        Response unknown = browser.post("/account/profiles", List.of("csrf_token", csrf, "name", "X",
                "permissions", "<script>"));
        assertEquals(400, unknown.statusCode());
        assertFalse(unknown.body().asString().contains("<script>"));
    }

    @Test
    void handleWhenPostedWithoutCsrfThenForbiddenAndNothingChanged() {
        String username = TestAccounts.fresh("pages-csrf");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String account = browser.get("/account").body().asString();
        String basic = idOf(account, "Basic");
        assertEquals(403, browser.post("/account/profiles", List.of("name", "Forged", "permissions", "read")).statusCode());
        assertEquals(403, browser.post("/account/profiles/" + basic, List.of("name", "Forged")).statusCode());
        assertEquals(403, browser.post("/account/profiles/" + basic + "/delete", List.of("csrf_token", "wrong"))
                .statusCode());
        given().header("Authorization", FirstPartyTokens.bearerFor(username)).get("/api/v1/exposure-profiles")
                .then().body("name", equalTo(List.of("Basic", "Everything")));
    }

    @Test
    void handleWhenAnotherUsersProfileOpenedOrPostedThenNotFound() {
        Browser owner = new Browser();
        owner.loginOrFail(TestAccounts.fresh("pages-owner"));
        String basic = idOf(owner.get("/account").body().asString(), "Basic");
        Browser other = new Browser();
        other.loginOrFail(TestAccounts.fresh("pages-other"));
        String csrf = Browser.csrfToken(other.get("/account").body().asString());
        assertEquals(404, other.get("/account/profiles/" + basic).statusCode());
        assertEquals(404, other.post("/account/profiles/" + basic, List.of("csrf_token", csrf, "name", "Mine"))
                .statusCode());
        assertEquals(404, other.post("/account/profiles/" + basic + "/delete", List.of("csrf_token", csrf))
                .statusCode());
        assertTrue(owner.get("/account/profiles/" + basic).body().asString().contains("value=\"Basic\""));
    }

    @Test
    void handleWhenProfileInUseDeletedThenRefusedWithNotice() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("pages-inuse"));
        assertEquals(303, ThirdPartyPages.approveWith(browser, "Everything").statusCode());
        String account = browser.get("/account").body().asString();
        assertTrue(account.contains("Fixture Notes"));
        assertTrue(account.contains("through your profile <strong class=\"profile-name\">Everything</strong>"), account);
        String everything = idOf(account, "Everything");

        Response refused = browser.post("/account/profiles/" + everything + "/delete",
                List.of("csrf_token", Browser.csrfToken(account)));
        assertEquals(303, refused.statusCode());
        assertEquals("/account?notice=profile-in-use", refused.header("Location"));
        String after = browser.get(refused.header("Location")).body().asString();
        assertTrue(after.contains("class=\"error\" role=\"status\""), after);
        assertTrue(after.contains("<h3>Everything</h3>"));
    }

    @Test
    void handleWhenNotSignedInThenRedirectToLogin() {
        Response response = new Browser().get("/account/profiles/new");
        assertEquals(302, response.statusCode());
        assertEquals("/login?return_to=%2Faccount%2Fprofiles%2Fnew", response.header("Location"));
    }

    private static String idOf(String accountHtml, String name) {
        Matcher m = PROFILE_ID.matcher(accountHtml);
        while (m.find()) {
            if (m.group(2).equals(name)) {
                return m.group(1);
            }
        }
        assertNotNull(null, "profile " + name + " on the account page");
        return null;
    }
}
