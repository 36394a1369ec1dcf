package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every page (login, consent, out-of-band code, error, account, 403) carries the security headers. */
@QuarkusTest
class SecurityHeadersFilterTest {

    @Test
    void handleWhenAnyPageRenderedThenSecurityHeadersPresent() {
        Browser browser = new Browser();
        assertSecure(browser.get("/login"), "login");
        assertSecure(browser.post("/login", Map.of("csrf_token", "forged")), "403 page");
        assertSecure(browser.get(Browser.authorizePath("client_id", "nobody")), "error page");

        browser.loginOrFail(TestAccounts.fresh("headers"));
        assertSecure(browser.get("/account"), "account");
        Response consent = browser.get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.MASTODON, "redirect_uri", TestClients.OOB, "scope", "read"));
        assertSecure(consent, "consent");
        assertSecure(Flows.decide(browser, consent, "approve"), "out-of-band code");
    }

    @Test
    void handleWhenRedirectingWithCodeThenNoStoreAndNoReferrer() {
        Response redirect = Flows.approveAsNewUser(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read"));
        assertEquals(303, redirect.statusCode());
        assertEquals("no-store", redirect.header("Cache-Control"));
        assertEquals("no-referrer", redirect.header("Referrer-Policy"));
    }

    private static void assertSecure(Response response, String page) {
        assertTrue(response.contentType().startsWith("text/html"), page);
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                && csp.contains("form-action 'self'"), page + ": " + csp);
        assertEquals("DENY", response.header("X-Frame-Options"), page);
        assertEquals("no-store", response.header("Cache-Control"), page);
        assertEquals("no-referrer", response.header("Referrer-Policy"), page);
        assertEquals("nosniff", response.header("X-Content-Type-Options"), page);
    }
}
