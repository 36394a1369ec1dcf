package org.gatehouse.authorization.code;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.Pkce;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization code flow as a user lives it: authorize → login → consent → back to the app with a code.
 * The sibling doubles declared here (and the embedded PostgreSQL of ServiceSurfaceTest) serve every test class.
 */
@QuarkusTest
@QuarkusTestResource(SiblingServicesResource.class)
class AuthorizationCodeFlowTest {

    private static final String ISSUER = "http://localhost:8080";

    @Test
    void handleWhenUserSignsInAndApprovesThenRedirectWithCodeStateAndIss() {
        Pkce pkce = Pkce.generate();
        Browser browser = new Browser();
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read profile", "state", "xyz/+ &=",
                "nonce", "n-0S6", "code_challenge", pkce.challenge(), "code_challenge_method", "S256");

        Response toLogin = browser.get(authorize);
        assertEquals(302, toLogin.statusCode());
        String loginLocation = toLogin.header("Location");
        assertTrue(loginLocation.startsWith("/login?return_to=%2Foauth%2Fauthorize%3F"), loginLocation);

        Response loginPage = browser.get(loginLocation);
        assertEquals(200, loginPage.statusCode());
        String html = loginPage.body().asString();
        assertTrue(html.contains("name=\"username\""));
        assertTrue(html.contains("name=\"password\""));
        assertNotNull(browser.cookie(Browser.LOGIN_CSRF_COOKIE));
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(html));
        form.put("username", TestAccounts.ALICE);
        form.put("password", TestAccounts.PASSWORD);
        Response signedIn = browser.post("/login", form);
        assertEquals(303, signedIn.statusCode());
        String resume = signedIn.header("Location");
        assertTrue(resume.startsWith("/oauth/authorize?"), resume);
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Browser.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), "http://localhost public URL: no Secure flag");
        assertNull(browser.cookie(Browser.LOGIN_CSRF_COOKIE), "pre-session CSRF cookie is cleared");

        Response consent = browser.get(resume);
        assertEquals(200, consent.statusCode());
        String consentHtml = consent.body().asString();
        assertTrue(consentHtml.contains("Web Example"));
        assertTrue(consentHtml.contains("Read your nodes"));
        assertTrue(consentHtml.contains("Read your account details"));
        assertTrue(consentHtml.contains("See your name and profile"));
        assertTrue(consentHtml.contains("<button name=\"decision\" value=\"approve\">Approve</button>"));
        assertTrue(consentHtml.contains("<button name=\"decision\" value=\"deny\">Deny</button>"));
        assertTrue(consent.header("Content-Security-Policy").contains("form-action 'self' https://app.example"));

        Response back = Flows.decide(browser, consent, "approve");
        assertEquals(303, back.statusCode());
        String location = back.header("Location");
        assertTrue(location.startsWith(TestClients.WEB_CALLBACK + "?code="), location);
        Map<String, String> query = Browser.query(location);
        assertEquals("xyz/+ &=", query.get("state"));
        assertEquals(ISSUER, query.get("iss"));
        String code = query.get("code");
        assertTrue(code.matches("[A-Za-z0-9_-]{43}"), code);

        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .contentType("application/json").body(Map.of("code", code, "client_id", TestClients.WEB,
                        "redirect_uri", TestClients.WEB_CALLBACK, "code_challenge", pkce.challenge()))
                .post("/internal/authorization-codes/redeem")
                .then().statusCode(200)
                .body("client_id", equalTo(TestClients.WEB))
                .body("user_id", equalTo(TestAccounts.idOf(TestAccounts.ALICE)))
                .body("redirect_uri", equalTo(TestClients.WEB_CALLBACK))
                .body("scope", equalTo("read profile"))
                .body("nonce", equalTo("n-0S6"))
                .body("code_challenge", equalTo(pkce.challenge()))
                .body("code_challenge_method", equalTo("S256"));
    }

    @Test
    void handleWhenConsentRememberedThenRedirectWithoutConsentPage() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("remembered"));
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read", "state", "one");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        // A narrower request is covered by the remembered consent.
        Response again = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_OTHER_CALLBACK, "scope", "read:nodes", "state", "two"));
        assertEquals(302, again.statusCode());
        Map<String, String> query = Browser.query(again.header("Location"));
        assertNotNull(query.get("code"));
        assertEquals("two", query.get("state"));

        // A wider one asks again.
        Response wider = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read email"));
        assertEquals(200, wider.statusCode());
        assertTrue(wider.body().asString().contains("See your email address"));
    }

    @Test
    void handleWhenUserDeniesThenAccessDeniedWithStateAndIss() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("deny"));
        Response consent = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read", "state", "st"));
        Response back = Flows.decide(browser, consent, "deny");
        assertEquals(303, back.statusCode());
        Map<String, String> query = Browser.query(back.header("Location"));
        assertEquals("access_denied", query.get("error"));
        assertNotNull(query.get("error_description"));
        assertEquals("st", query.get("state"));
        assertEquals(ISSUER, query.get("iss"));
        assertNull(query.get("code"));
    }

    @Test
    void handleWhenOutOfBandRedirectThenCodeShownOnPage() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("oob"));
        Response consent = browser.get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.MASTODON, "redirect_uri", TestClients.OOB, "scope", "read write follow"));
        assertEquals(200, consent.statusCode());
        Response page = Flows.decide(browser, consent, "approve");
        assertEquals(200, page.statusCode());
        assertNull(page.header("Location"));
        String code = page.htmlPath().getString("**.find { it.@id == 'oob-code' }");
        assertTrue(code.matches("[A-Za-z0-9_-]{43}"), code);
        assertTrue(page.body().asString().contains("<code id=\"oob-code\">" + code + "</code>"));

        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .contentType("application/json").body(Map.of("code", code, "client_id", TestClients.MASTODON,
                        "redirect_uri", TestClients.OOB))
                .post("/internal/authorization-codes/redeem")
                .then().statusCode(200)
                .body("redirect_uri", equalTo(TestClients.OOB))
                .body("scope", equalTo("read write follow"));
    }

    @Test
    void handleWhenConsentPostedWithoutOrWithWrongCsrfThenForbidden() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("csrf"));
        Response consent = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read"));
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(consent.body().asString()));
        form.put("decision", "approve");

        form.remove("csrf_token");
        Response missing = browser.post("/consent", form);
        assertEquals(403, missing.statusCode());
        assertNull(missing.header("Location"));

        form.put("csrf_token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Response wrong = browser.post("/consent", form);
        assertEquals(403, wrong.statusCode());
        assertNull(wrong.header("Location"));
    }

    @Test
    void handleWhenPublicClientUsesLoopbackWithAnyPortAndPkceThenCodeIssued() {
        Pkce pkce = Pkce.generate();
        Response back = Flows.approveAsNewUser(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.NATIVE, "redirect_uri", "http://127.0.0.1:53121/callback",
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256", "state", "n"));
        assertEquals(303, back.statusCode());
        assertTrue(back.header("Location").startsWith("http://127.0.0.1:53121/callback?code="));
    }

    @Test
    void handleWhenRedirectUriOmittedOnAliasThenSingleRegisteredUriKeepsItsQuery() {
        Response back = Flows.approveAsNewUser(Browser.pathWithQuery("/api/authorize.php",
                "client_id", TestClients.SINGLE, "response_type", "code", "state", "a b"));
        assertEquals(303, back.statusCode());
        String location = back.header("Location");
        assertTrue(location.startsWith("https://single.example/cb?keep=1&code="), location);
        assertEquals("a b", Browser.query(location).get("state"));
        assertEquals(ISSUER, Browser.query(location).get("iss"));
    }

    @Test
    void handleWhenPromptNoneAndNotSignedInThenLoginRequiredRedirect() {
        Response response = new Browser().get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "prompt", "none", "state", "p"));
        assertEquals(302, response.statusCode());
        Map<String, String> query = Browser.query(response.header("Location"));
        assertEquals("login_required", query.get("error"));
        assertEquals("p", query.get("state"));
    }

    /**
     * OpenID Connect Core §3.1.2.1: a client asking for a fresh sign-in ({@code prompt=login}) must not get a code
     * from the old session: the user goes through the login form again and the code carries the new auth_time.
     */
    @Test
    void handleWhenPromptLoginThenLoginFormAgainAndCodeCarriesTheNewAuthTime() throws InterruptedException {
        Browser browser = new Browser();
        String user = TestAccounts.fresh("relogin");
        browser.loginOrFail(user);
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "r");
        long firstAuthTime = redeem(codeOf(Flows.approve(browser, authorize))).getLong("auth_time");
        Thread.sleep(1100);

        Response toLogin = browser.get(authorize + "&prompt=login");
        assertEquals(302, toLogin.statusCode());
        String returnTo = Browser.query(toLogin.header("Location")).get("return_to");
        assertTrue(toLogin.header("Location").startsWith("/login?return_to="), toLogin.header("Location"));
        assertFalse(returnTo.contains("prompt=login"), returnTo);
        Response signedIn = browser.login(user, TestAccounts.PASSWORD, returnTo);
        assertEquals(303, signedIn.statusCode(), "the form was shown although a session existed");

        Response back = browser.get(signedIn.header("Location"));
        assertEquals(302, back.statusCode(), "consent remembered, no second login");
        assertEquals("r", Browser.query(back.header("Location")).get("state"));
        long secondAuthTime = redeem(codeOf(back)).getLong("auth_time");
        assertTrue(secondAuthTime > firstAuthTime, firstAuthTime + " then " + secondAuthTime);
    }

    @Test
    void handleWhenMaxAgeElapsedThenLoginFormAgainElseCodeFromTheSession() {
        Browser browser = new Browser();
        String user = TestAccounts.fresh("maxage");
        browser.loginOrFail(user);
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        Response recentEnough = browser.get(authorize + "&max_age=3600");
        assertEquals(302, recentEnough.statusCode());
        assertNotNull(Browser.query(recentEnough.header("Location")).get("code"));

        Response tooOld = browser.get(authorize + "&max_age=0");
        assertTrue(tooOld.header("Location").startsWith("/login?return_to="), tooOld.header("Location"));
        String returnTo = Browser.query(tooOld.header("Location")).get("return_to");
        Response signedIn = browser.login(user, TestAccounts.PASSWORD, returnTo);
        assertEquals(303, signedIn.statusCode());
        Response back = browser.get(signedIn.header("Location"));
        assertEquals(302, back.statusCode());
        assertNotNull(Browser.query(back.header("Location")).get("code"), back.header("Location"));
    }

    @Test
    void handleWhenPromptNoneAndMaxAgeElapsedThenLoginRequired() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("maxagenone"));
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "mn");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        Response response = browser.get(authorize + "&prompt=none&max_age=0");
        assertEquals(302, response.statusCode());
        Map<String, String> query = Browser.query(response.header("Location"));
        assertEquals("login_required", query.get("error"));
        assertEquals("mn", query.get("state"));
        assertNull(query.get("code"));
    }

    @Test
    void handleWhenPromptSelectAccountThenLoginFormLikePromptLogin() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("select"));
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        Response response = browser.get(authorize + "&prompt=select_account");
        assertTrue(response.header("Location").startsWith("/login?return_to="), response.header("Location"));
        String returnTo = Browser.query(response.header("Location")).get("return_to");
        Response form = browser.get("/login?return_to=" + Browser.encode(returnTo));
        assertEquals(200, form.statusCode());
        assertTrue(form.body().asString().contains("name=\"password\""));
    }

    @Test
    void handleWhenMaxAgeOrPromptMalformedThenInvalidRequest() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("badmaxage"));
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        for (String bad : new String[]{"&max_age=-1", "&max_age=soon", "&prompt=bogus", "&prompt=none%20login",
                "&login_after=99999999999999"}) {
            Response response = browser.get(authorize + bad);
            assertEquals(302, response.statusCode(), bad);
            assertEquals("invalid_request", Browser.query(response.header("Location")).get("error"), bad);
        }
    }

    private static String codeOf(Response redirect) {
        String code = Browser.query(redirect.header("Location")).get("code");
        assertNotNull(code, redirect.header("Location"));
        return code;
    }

    /** Redeems a code the web app got at {@link TestClients#WEB_CALLBACK}, as token-service would. */
    private static io.restassured.path.json.JsonPath redeem(String code) {
        return given()
                .header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .contentType("application/json").body(Map.of("code", code, "client_id", TestClients.WEB,
                        "redirect_uri", TestClients.WEB_CALLBACK))
                .post("/internal/authorization-codes/redeem")
                .then().statusCode(200).extract().jsonPath();
    }
}
