package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.authorization.testing.ThirdPartyPages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AccountPageTest {

    private static final String AUTHORIZE = Browser.authorizePath("response_type", "code",
            "client_id", TestClients.ACCOUNT_APP, "redirect_uri", TestClients.ACCOUNT_APP_CALLBACK, "scope", "read");

    @AfterEach
    void tokenServiceUp() {
        failRevocations(false);
    }

    @Test
    void handleWhenNotSignedInThenRedirectToLogin() {
        Response response = new Browser().get("/account");
        assertEquals(302, response.statusCode());
        assertEquals("/login?return_to=%2Faccount", response.header("Location"));
    }

    @Test
    void handleWhenUserRevokesAppThenConsentGoneAndTokenServiceCalled() {
        String username = TestAccounts.fresh("revoke");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, Flows.approve(browser, AUTHORIZE).statusCode());

        String page = browser.get("/account").body().asString();
        assertTrue(page.contains("Account Example &lt;b&gt;App&lt;/b&gt;"), "name shown, escaped: " + page);
        assertTrue(page.contains("Read your nodes"));
        assertTrue(page.contains(">Revoke</button>"));

        Response revoked = browser.post("/account/revoke", Map.of("csrf_token", Browser.csrfToken(page),
                "client_id", TestClients.ACCOUNT_APP));
        assertEquals(303, revoked.statusCode());
        assertEquals("/account?notice=revoked", revoked.header("Location"));
        String after = browser.get(revoked.header("Location")).body().asString();
        assertTrue(after.contains("Access revoked"));
        assertFalse(after.contains("Account Example"));
        assertTrue(revocations().contains(TestAccounts.idOf(username) + " " + TestClients.ACCOUNT_APP));

        // With the consent gone, the next authorization asks again.
        assertEquals(200, browser.get(AUTHORIZE).statusCode());
    }

    /**
     * Revoking an app can leave it access for good: with token-service down when the user revoked an app, the consent
     * went but the call revoking its tokens was dropped, the app vanished from the page, which said its tokens would
     * "expire within the hour", while its refresh tokens went on rotating for 30 days each. Now the revocation is kept
     * (an outbox row written with the consent's revocation), the page shows the app as "revocation pending", and the
     * revocation reaches token-service once it is back, without the user doing anything.
     */
    @Test
    void handleWhenTokenServiceDownThenRevocationPendingShownAndDeliveredOnceItReturns() {
        String username = TestAccounts.fresh("revoke-down");
        String pair = TestAccounts.idOf(username) + " " + TestClients.ACCOUNT_APP;
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, Flows.approve(browser, AUTHORIZE).statusCode());
        String csrf = Browser.csrfToken(browser.get("/account").body().asString());
        failRevocations(true);

        Response revoked = browser.post("/account/revoke", Map.of("csrf_token", csrf,
                "client_id", TestClients.ACCOUNT_APP));
        assertEquals(303, revoked.statusCode());
        assertEquals("/account?notice=revocation-pending", revoked.header("Location"));
        String after = browser.get(revoked.header("Location")).body().asString();
        assertFalse(after.contains("expire within the hour"), after);
        assertTrue(after.contains("Ending the tokens it already holds is pending"), after);
        String row = after.substring(after.indexOf("id=\"revocation-pending-" + TestClients.ACCOUNT_APP + "\""));
        assertTrue(row.contains("Account Example &lt;b&gt;App&lt;/b&gt;") && row.contains("Revocation pending"), row);
        assertFalse(row.substring(0, row.indexOf("</li>")).contains(">Revoke</button>"), "nothing left to revoke");
        assertFalse(revocations().contains(pair));
        assertEquals(200, browser.get(AUTHORIZE).statusCode(), "consent page again: the consent is gone");

        // token-service returns: the kept revocation reaches it without the user doing anything.
        long returned = System.nanoTime();
        failRevocations(false);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> revocations().contains(pair));
        System.out.printf("[revocation outbox] delivered %d ms after token-service returned%n",
                Duration.ofNanos(System.nanoTime() - returned).toMillis());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertFalse(browser.get("/account").body().asString().contains("revocation-pending-"
                        + TestClients.ACCOUNT_APP), "no longer pending once confirmed"));
    }

    @Test
    void handleWhenRevokePostedWithoutCsrfThenForbiddenAndNothingRevoked() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("revoke-csrf"));
        assertEquals(303, Flows.approve(browser, AUTHORIZE).statusCode());
        assertEquals(403, browser.post("/account/revoke", Map.of("client_id", TestClients.ACCOUNT_APP)).statusCode());
        assertTrue(browser.get("/account").body().asString().contains("Account Example"));
    }

    @Test
    void handleWhenThirdPartyAppAuthorizedThenListedWithProfileAndRevocable() {
        String username = TestAccounts.fresh("revoke-tp");
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, ThirdPartyPages.approveWith(browser, "Everything").statusCode());

        String page = browser.get("/account").body().asString();
        assertTrue(page.contains("<h3>Fixture Notes</h3>"), page);
        assertTrue(page.contains("<strong class=\"profile-name\">Everything</strong>"));
        String row = page.substring(page.indexOf("<h3>Fixture Notes</h3>"));
        row = row.substring(0, row.indexOf("<form"));
        assertTrue(row.contains("Read your nodes") && row.contains("Create and change your nodes"), row);
        assertFalse(row.contains("Delete your nodes"), "only requested ∩ profile is listed: " + row);
        Response revoked = browser.post("/account/revoke", Map.of("csrf_token", Browser.csrfToken(page),
                "client_id", TestClients.THIRD_PARTY));
        assertEquals(303, revoked.statusCode());
        String after = browser.get(revoked.header("Location")).body().asString();
        assertTrue(after.contains("Access revoked"));
        assertFalse(after.contains("<h3>Fixture Notes</h3>"));
        assertTrue(revocations().contains(TestAccounts.idOf(username) + " " + TestClients.THIRD_PARTY));
    }

    @Test
    void handleWhenNoticeParameterForgedThenNotReflected() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("notice"));
        String page = browser.get("/account?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body().asString();
        assertFalse(page.contains("alert(1)"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> revocations() {
        return given().get(tokenDouble() + "/test/revocations").then().statusCode(200).extract().as(List.class);
    }

    private static void failRevocations(boolean on) {
        given().post(tokenDouble() + "/test/revocations/fail?on=" + on).then().statusCode(204);
    }

    private static String tokenDouble() {
        return ConfigProvider.getConfig().getValue(SiblingServicesResource.TOKEN_URL_PROPERTY, String.class);
    }
}
