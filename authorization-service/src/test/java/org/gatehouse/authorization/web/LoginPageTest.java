package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LoginPageTest {

    @Test
    void handleWhenPasswordWrongOrUserUnknownThenSameGenericError() {
        Response wrongPassword = new Browser().login(TestAccounts.fresh("wrong"), "not-the-password", null);
        Response unknownUser = new Browser().login("nobody-" + System.nanoTime(), "password", null);
        for (Response response : new Response[] {wrongPassword, unknownUser}) {
            assertEquals(200, response.statusCode());
            assertNull(response.header("Location"));
            String html = response.body().asString();
            assertTrue(html.contains(LoginPage.GENERIC_FAILURE), html);
            assertFalse(html.toLowerCase().contains("unknown user"));
            assertFalse(html.toLowerCase().contains("no such"));
        }
    }

    @Test
    void handleWhenLoginSucceedsThenSessionCookieAndRedirectToAccount() {
        Browser browser = new Browser();
        Response response = browser.login(TestAccounts.ALICE, TestAccounts.PASSWORD, null);
        assertEquals(303, response.statusCode());
        assertEquals("/account", response.header("Location"));
        String session = browser.cookie(Browser.SESSION_COOKIE);
        assertNotNull(session);
        assertTrue(session.length() >= 43, "at least 256 bits, base64url");
    }

    @Test
    void handleWhenCsrfTokenMissingThenForbidden() {
        Browser browser = new Browser();
        browser.get("/login");
        Response response = browser.post("/login", Map.of("username", TestAccounts.ALICE, "password",
                TestAccounts.PASSWORD, "return_to", "/account"));
        assertEquals(403, response.statusCode());
        assertNull(browser.cookie(Browser.SESSION_COOKIE));
    }

    @Test
    void handleWhenCsrfTokenWrongOrCookieMissingThenForbidden() {
        Browser browser = new Browser();
        String html = browser.get("/login").body().asString();
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(html));
        form.put("username", TestAccounts.ALICE);
        form.put("password", TestAccounts.PASSWORD);
        form.put("csrf_token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(403, browser.post("/login", form).statusCode());

        // The right token without its cookie: a cross-site form cannot carry our cookie value.
        Browser other = new Browser();
        form.put("csrf_token", Browser.csrfToken(html));
        assertEquals(403, other.post("/login", form).statusCode());
    }

    @Test
    void handleWhenReturnToPointsElsewhereThenIgnored() {
        for (String evil : new String[] {"//evil.com", "https://evil.com", "/\\evil.com", "http:evil.com",
                "/%2F%2Fevil.com", " //evil.com", "javascript:alert(1)"}) {
            Browser browser = new Browser();
            Response response = browser.login(TestAccounts.ALICE, TestAccounts.PASSWORD, evil);
            assertEquals(303, response.statusCode(), evil);
            assertEquals("/account", response.header("Location"), evil);
        }
    }

    @Test
    void handleWhenReturnToIsLocalPathThenFollowed() {
        Response response = new Browser().login(TestAccounts.ALICE, TestAccounts.PASSWORD, "/account?x=1");
        assertEquals("/account?x=1", response.header("Location"));
    }

    @Test
    void handleWhenReturningToAuthorizationRequestThenFormMayEndAtTheClient() {
        // Chromium applies form-action to the redirects after a submission; with a remembered consent the login
        // submission ends at the client's redirect URI.
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read");
        Response page = new Browser().get("/login?return_to=" + Browser.encode(authorize));
        assertTrue(page.header("Content-Security-Policy").contains("form-action 'self' https://app.example;"));

        String forged = Browser.authorizePath("client_id", TestClients.WEB, "redirect_uri", "https://evil.example/");
        Response other = new Browser().get("/login?return_to=" + Browser.encode(forged));
        assertTrue(other.header("Content-Security-Policy").contains("form-action 'self';"));
    }

    @Test
    void handleWhenAlreadySignedInThenLoginPageRedirects() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("again"));
        Response response = browser.get("/login?return_to=%2Faccount");
        assertEquals(302, response.statusCode());
        assertEquals("/account", response.header("Location"));
    }

    /**
     * registration-service owns the failure counter of every account (shared with {@code /authenticate}); once it
     * refuses an attempt the page says so with its wait, and no session starts.
     */
    @Test
    void handleWhenRegistrationRefusesTheAttemptAsTooManyThen429WithItsRetryAfterAndNoSession() {
        Response throttled = new Browser().login(TestAccounts.LOCKED_PREFIX + "throttle", TestAccounts.PASSWORD, null);
        assertEquals(429, throttled.statusCode());
        assertEquals("600", throttled.header("Retry-After"));
        assertEquals("10", throttled.header("RateLimit-Limit"));
        assertEquals("0", throttled.header("RateLimit-Remaining"));
        assertEquals(throttled.header("Retry-After"), throttled.header("RateLimit-Reset"));
        assertNull(throttled.header("Location"));
        assertTrue(throttled.body().asString().contains("Too many sign-in attempts"));
    }

    /**
     * A check registration-service could not do in time (no hashing slot, a slow hash on a loaded machine) is refused
     * with a short wait: the user is asked to retry in a moment, with 429, never told the service is down (503).
     */
    @Test
    void handleWhenRegistrationCannotCheckThePasswordInTimeThen429TryAgainInAMoment() {
        Response busy = new Browser().login(TestAccounts.BUSY_PREFIX + "slow", TestAccounts.PASSWORD, null);
        assertEquals(429, busy.statusCode());
        assertEquals("2", busy.header("Retry-After"));
        // The login page's own request limit admitted this request: its quota (RateLimit-Remaining of a million in
        // tests) would contradict the refusal, so a 429 refused elsewhere carries only its Retry-After.
        assertNull(busy.header("RateLimit-Remaining"));
        assertNull(busy.header("RateLimit-Reset"));
        assertNull(busy.header("Location"));
        String page = busy.body().asString();
        assertTrue(page.contains("Please try again in a moment."), page);
        assertTrue(page.contains("name=\"csrf_token\""), "the form, to try again");
    }

    @Test
    void handleWhenUsernameIsAnEmailAddressThenSignedInAndAccountShowsIt() {
        String address = TestAccounts.fresh("mail") + "@example.com";
        Browser browser = new Browser();
        Response response = browser.login(" " + address + " ", TestAccounts.PASSWORD, null);
        assertEquals(303, response.statusCode());
        assertEquals("/account", response.header("Location"));
        assertTrue(browser.get("/account").body().asString().contains(address));
    }

    @Test
    void handleWhenLogoutPostedWithCsrfThenSessionEnds() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("logout"));
        String session = browser.cookie(Browser.SESSION_COOKIE);
        String csrf = Browser.csrfToken(browser.get("/account").body().asString());

        assertEquals(403, browser.post("/logout", Map.of()).statusCode(), "no CSRF token");
        assertEquals(403, browser.post("/logout", Map.of("csrf_token", "x")).statusCode(), "wrong CSRF token");

        Response out = browser.post("/logout", Map.of("csrf_token", csrf));
        assertEquals(303, out.statusCode());
        assertEquals("/login", out.header("Location"));
        assertNull(browser.cookie(Browser.SESSION_COOKIE));

        // The old cookie value no longer works anywhere.
        Browser replay = new Browser();
        replay.setCookie(Browser.SESSION_COOKIE, session);
        assertEquals(302, replay.get("/account").statusCode());
    }
}
