package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.authorization.testing.ThirdPartyPages;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/v1/authorize}: a user lets a third-party app act for them through one of their exposure profiles. */
@QuarkusTest
class ThirdPartyConsentPageTest {

    @Test
    void handleWhenUserPicksCoveringProfileThenApproveEnabledAndRedirectCarriesSuccessClientAndUserId() {
        String username = TestAccounts.fresh("tp-happy");
        Browser browser = new Browser();
        String authorize = ThirdPartyPages.authorizePath("st&te/1");

        Response toLogin = browser.get(authorize);
        assertEquals(302, toLogin.statusCode());
        String loginLocation = toLogin.header("Location");
        assertTrue(loginLocation.startsWith("/login?return_to=%2Fapi%2Fv1%2Fauthorize%3F"), loginLocation);
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(browser.get(loginLocation).body().asString()));
        form.put("username", username);
        form.put("password", TestAccounts.PASSWORD);
        Response signedIn = browser.post("/login", form);
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.header("Location").startsWith("/api/v1/authorize?"), signedIn.header("Location"));

        Response page = browser.get(signedIn.header("Location"));
        assertEquals(200, page.statusCode());
        String html = page.body().asString();
        assertTrue(html.contains("Fixture Notes"), html);
        assertTrue(html.contains("Read your nodes"));
        assertTrue(html.contains("Create and change your nodes"));
        assertEquals(List.of("Basic", "Everything"), List.copyOf(ThirdPartyPages.profiles(html).keySet()));
        String basic = ThirdPartyPages.profiles(html).get("Basic");
        String everything = ThirdPartyPages.profiles(html).get("Everything");
        assertEquals(everything, ThirdPartyPages.selected(html), "the first profile that covers the request");
        assertTrue(html.contains(ThirdPartyPages.APPROVE_ENABLED), "Everything covers the request: " + html);
        assertTrue(html.contains("<p class=\"muted\" id=\"approve-hint\" hidden>"), "no hint while approvable");
        assertTrue(html.contains("lacks: Read your nodes, Create and change your nodes"));
        assertTrue(html.contains("value=\"" + everything + "\" data-covers=\"true\""), "the script reads coverage here");
        assertTrue(html.contains("value=\"" + basic + "\" data-covers=\"false\""));
        assertTrue(html.contains("<button name=\"decision\" value=\"choose\">Choose</button>"), "the no-script fallback");
        assertTrue(html.contains("<button name=\"decision\" value=\"customize\">Customize</button>"));
        assertTrue(html.contains("<button name=\"decision\" value=\"deny\">Deny</button>"));
        assertEquals(List.of("<script src=\"/login/assets/third-party-consent.js\">"), scriptTags(html),
                "one same-origin script, nothing inline");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("script-src"),
                "scripts from the service's own origin only: " + csp);
        assertTrue(csp.contains("form-action 'self' https://notes.example"));
        assertEquals("DENY", page.header("X-Frame-Options"));

        // Without script, Choose is the round trip that moves Approve with the selection.
        String lacking = ThirdPartyPages.choose(browser, html, "Basic").body().asString();
        assertEquals(basic, ThirdPartyPages.selected(lacking));
        assertTrue(lacking.contains(ThirdPartyPages.APPROVE_DISABLED), "Basic lacks the nodes permissions: " + lacking);
        assertTrue(lacking.contains("<p class=\"muted\" id=\"approve-hint\">Approve is available once"), lacking);
        String chosen = ThirdPartyPages.choose(browser, lacking, "Everything").body().asString();
        assertEquals(everything, ThirdPartyPages.selected(chosen));
        assertTrue(chosen.contains(ThirdPartyPages.APPROVE_ENABLED), chosen);

        Response approved = ThirdPartyPages.submit(browser, chosen, ThirdPartyPages.selected(chosen), "approve");
        assertEquals(303, approved.statusCode());
        String location = approved.header("Location");
        assertTrue(location.startsWith(TestClients.THIRD_PARTY_CALLBACK + "?"), location);
        Map<String, String> query = Browser.query(location);
        assertEquals("success", query.get("code"));
        assertEquals(TestClients.THIRD_PARTY, query.get("client_id"));
        assertEquals(TestAccounts.idOf(username), query.get("user_id"));
        assertEquals("st&te/1", query.get("state"));
        assertNull(query.get("iss"));

        grant(username).then().statusCode(200);
    }

    @Test
    void handleWhenApprovePostedWithUncoveringProfileThenPageAgainWithErrorAndNoRedirect() {
        String username = TestAccounts.fresh("tp-refuse");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String html = browser.get(ThirdPartyPages.authorizePath("s")).body().asString();
        String basic = ThirdPartyPages.profiles(html).get("Basic");

        // A forged submission: the button was disabled, the request is sent anyway.
        Response refused = ThirdPartyPages.submit(browser, html, basic, "approve");
        assertEquals(400, refused.statusCode());
        assertNull(refused.header("Location"));
        String again = refused.body().asString();
        assertTrue(again.contains("id=\"consent-error\""), again);
        assertTrue(again.contains("does not allow everything"));
        assertTrue(again.contains(ThirdPartyPages.APPROVE_DISABLED));
        assertEquals(basic, ThirdPartyPages.selected(again));

        Response noProfile = ThirdPartyPages.submit(browser, html, null, "approve");
        assertEquals(400, noProfile.statusCode());
        assertNull(noProfile.header("Location"));
        Response foreign = ThirdPartyPages.submit(browser, html, "00000000-0000-0000-0000-000000000000", "approve");
        assertNull(foreign.header("Location"));

        grant(username).then().statusCode(404);
    }

    @Test
    void handleWhenAnotherUsersProfileSubmittedThenNotGranted() {
        String owner = TestAccounts.fresh("tp-owner");
        String everythingOfOwner = given().header("Authorization", FirstPartyTokens.bearerFor(owner))
                .get("/api/v1/exposure-profiles").path("find { it.name == 'Everything' }.id");
        Browser browser = new Browser();
        String username = TestAccounts.fresh("tp-thief");
        browser.loginOrFail(username);
        String html = browser.get(ThirdPartyPages.authorizePath(null)).body().asString();

        Response response = ThirdPartyPages.submit(browser, html, everythingOfOwner, "approve");
        assertNull(response.header("Location"));
        grant(username).then().statusCode(404);
    }

    @Test
    void handleWhenCustomizeThenProfileWithExactlyRequestedPermissionsIsSelectedAndApprovable() {
        String username = TestAccounts.fresh("tp-custom");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String html = browser.get(ThirdPartyPages.authorizePath(null)).body().asString();

        Response customized = ThirdPartyPages.submit(browser, html, ThirdPartyPages.profiles(html).get("Basic"),
                "customize");
        assertEquals(303, customized.statusCode());
        String page = browser.get(customized.header("Location")).body().asString();
        String custom = ThirdPartyPages.profiles(page).get("Fixture Notes access");
        assertNotNull(custom, page);
        assertEquals(custom, ThirdPartyPages.selected(page));
        assertTrue(page.contains(ThirdPartyPages.APPROVE_ENABLED));
        given().header("Authorization", FirstPartyTokens.bearerFor(username))
                .get("/api/v1/exposure-profiles/" + custom).then().statusCode(200)
                .body("permissions", org.hamcrest.Matchers.equalTo(TestClients.THIRD_PARTY_PERMISSIONS));

        // Customize again: the same profile, not a duplicate.
        Response again = ThirdPartyPages.submit(browser, page, custom, "customize");
        assertTrue(again.header("Location").contains("profile_id=" + custom));

        Response approved = ThirdPartyPages.submit(browser, page, custom, "approve");
        assertEquals(303, approved.statusCode());
        assertEquals("success", Browser.query(approved.header("Location")).get("code"));
        grant(username).then().statusCode(200).body("profile_id", org.hamcrest.Matchers.equalTo(custom));
    }

    @Test
    void handleWhenDenyThenRedirectWithCodeDeniedAndNothingGranted() {
        String username = TestAccounts.fresh("tp-deny");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String html = browser.get(ThirdPartyPages.authorizePath("keep-me")).body().asString();

        Response denied = ThirdPartyPages.submit(browser, html, ThirdPartyPages.selected(html), "deny");
        assertEquals(303, denied.statusCode());
        Map<String, String> query = Browser.query(denied.header("Location"));
        assertTrue(denied.header("Location").startsWith(TestClients.THIRD_PARTY_CALLBACK + "?"));
        assertEquals("denied", query.get("code"));
        assertEquals(TestClients.THIRD_PARTY, query.get("client_id"));
        assertEquals("keep-me", query.get("state"));
        assertNull(query.get("user_id"), "a denial does not reveal who the user is");
        grant(username).then().statusCode(404);
    }

    @Test
    void handleWhenReauthorizedWithAnotherProfileThenGrantReplaced() {
        String username = TestAccounts.fresh("tp-replace");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, ThirdPartyPages.approveWith(browser, "Everything").statusCode());
        String first = grant(username).path("profile_id");

        String html = browser.get(ThirdPartyPages.authorizePath(null)).body().asString();
        assertEquals(first, ThirdPartyPages.selected(html), "the current grant's profile is preselected");
        Response customized = ThirdPartyPages.submit(browser, html, first, "customize");
        String page = browser.get(customized.header("Location")).body().asString();
        assertEquals(303, ThirdPartyPages.submit(browser, page, ThirdPartyPages.selected(page), "approve").statusCode());
        String second = grant(username).path("profile_id");
        assertFalse(first.equals(second));
    }

    @Test
    void handleWhenAppUnknownNotThirdPartyOrRedirectUriWrongThenErrorPageNeverRedirect() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("tp-errors"));
        List<String> bad = List.of(
                Browser.pathWithQuery("/api/v1/authorize", "client_id", "tp_nobody", "redirect_uri",
                        TestClients.THIRD_PARTY_CALLBACK),
                Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.WEB, "redirect_uri",
                        TestClients.WEB_CALLBACK),
                Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.THIRD_PARTY, "redirect_uri",
                        "https://evil.example/callback"),
                Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.THIRD_PARTY, "redirect_uri",
                        TestClients.THIRD_PARTY_CALLBACK + "/"),
                Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.THIRD_PARTY),
                Browser.pathWithQuery("/api/v1/authorize", "redirect_uri", TestClients.THIRD_PARTY_CALLBACK),
                Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.THIRD_PARTY, "client_id",
                        "tp_other", "redirect_uri", TestClients.THIRD_PARTY_CALLBACK));
        for (String path : bad) {
            Response response = browser.get(path);
            assertEquals(400, response.statusCode(), path);
            assertNull(response.header("Location"), path);
            assertTrue(response.contentType().startsWith("text/html"), path);
            assertTrue(response.body().asString().contains("invalid_request"), path);
        }
        // Not signed in: the error comes before the login redirect, so no one is sent to log in for a bad request.
        Response anonymous = new Browser().get(bad.get(2));
        assertEquals(400, anonymous.statusCode());
        assertNull(anonymous.header("Location"));
        // A forged POST with a wrong redirect_uri is refused the same way.
        Response post = browser.post("/api/v1/authorize", Map.of("client_id", TestClients.THIRD_PARTY,
                "redirect_uri", "https://evil.example/callback", "decision", "deny"));
        assertEquals(400, post.statusCode());
        assertNull(post.header("Location"));
    }

    @Test
    void handleWhenPostWithoutCsrfTokenThenForbiddenAndNothingGranted() {
        String username = TestAccounts.fresh("tp-csrf");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String html = browser.get(ThirdPartyPages.authorizePath(null)).body().asString();
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(html));
        form.remove("csrf_token");
        form.put("profile_id", ThirdPartyPages.profiles(html).get("Everything"));
        form.put("decision", "approve");
        Response response = browser.post("/api/v1/authorize", form);
        assertEquals(403, response.statusCode());
        assertNull(response.header("Location"));
        grant(username).then().statusCode(404);
    }

    @Test
    void handleWhenSessionEndedBeforePostThenBackToLogin() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("tp-expired"));
        String html = browser.get(ThirdPartyPages.authorizePath(null)).body().asString();
        browser.setCookie(Browser.SESSION_COOKIE, "gone");
        Response response = ThirdPartyPages.submit(browser, html, ThirdPartyPages.selected(html), "approve");
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").startsWith("/login?return_to=%2Fapi%2Fv1%2Fauthorize%3F"));
    }

    @Test
    void showWhenConsentScriptRequestedThenServedFromOwnOriginAsJavaScript() {
        Response script = new Browser().get("/login/assets/third-party-consent.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.contentType().contains("javascript"), script.contentType());
        String body = script.body().asString();
        assertTrue(body.contains("data-covers") && body.contains("disabled"), "Approve follows the coverage: " + body);
    }

    /** The opening tags of the page's {@code <script>} elements. */
    private static List<String> scriptTags(String html) {
        return Pattern.compile("<script[^>]*>").matcher(html).results()
                .map(MatchResult::group).toList();
    }

    private static Response grant(String username) {
        return given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "authorization-service"))
                .queryParam("client_id", TestClients.THIRD_PARTY).queryParam("user_id", TestAccounts.idOf(username))
                .get("/internal/grants");
    }
}
