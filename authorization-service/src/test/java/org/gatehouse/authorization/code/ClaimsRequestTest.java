package org.gatehouse.authorization.code;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenID Connect {@code claims} request parameter (Core §5.5) at the authorization endpoint: validated like every
 * parameter, the claims it names shown on the consent page as the scope that releases them, and carried with the
 * code to token-service.
 */
@QuarkusTest
class ClaimsRequestTest {

    private static final String PROFILE = "See your name and profile";
    private static final String EMAIL = "See your email address";

    @Test
    void handleWhenOpenIdRequestNamesClaimsThenConsentShowsTheirScopesAndTheCodeCarriesThem() {
        String claims = "{\"userinfo\":{\"name\":{\"essential\":true},\"email\":null,\"username\":null,"
                + "\"x-shoe-size\":{\"essential\":true},\"family_name\":{\"value\":\"Smith\"}},"
                + "\"id_token\":{\"given_name\":{\"values\":[\"A\",\"B\"]},\"auth_time\":{\"essential\":true}}}";
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "c", "claims", claims);
        Browser browser = new Browser();
        String user = TestAccounts.fresh("claims");

        // Carried through the sign-in like every other parameter.
        Response toLogin = browser.get(authorize);
        String returnTo = Browser.query(toLogin.header("Location")).get("return_to");
        Response signedIn = browser.login(user, TestAccounts.PASSWORD, returnTo);
        assertEquals(303, signedIn.statusCode());
        Response consent = browser.get(signedIn.header("Location"));
        assertEquals(200, consent.statusCode());
        String html = consent.body().asString();
        assertTrue(html.contains("Confirm who you are"), html);
        assertTrue(html.contains(PROFILE), "name, family_name and given_name are profile claims");
        assertTrue(html.contains(EMAIL), "email is an email claim");

        JsonPath code = redeem(codeOf(Flows.decide(browser, consent, "approve")));
        assertEquals("openid", code.getString("scope"), "the claims widen the consent, not the scope");
        assertEquals(List.of("name", "email", "family_name"), code.getList("userinfo_claims"));
        assertEquals(List.of("given_name"), code.getList("id_token_claims"));

        // The consent covers the claims now: the same request goes through without asking again.
        Response again = browser.get(authorize);
        assertEquals(302, again.statusCode(), "consent remembered");
        assertEquals(List.of("name", "email", "family_name"),
                redeem(codeOf(again)).getList("userinfo_claims"));
    }

    @Test
    void handleWhenNoClaimsParameterThenTheCodeCarriesNoClaims() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("noclaims"));
        Response consent = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid"));
        assertFalse(consent.body().asString().contains(PROFILE));
        JsonPath code = redeem(codeOf(Flows.decide(browser, consent, "approve")));
        assertEquals(List.of(), code.getList("userinfo_claims"));
        assertEquals(List.of(), code.getList("id_token_claims"));
    }

    /**
     * A claim is asked for under the scope that releases it, so a client cannot name its way past its registration
     * (the dynamic app registered {@code read} only) nor outside an OpenID request.
     */
    @Test
    void handleWhenClaimsOutsideTheClientsScopesOrWithoutOpenidThenIgnored() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("claimsscope"));
        String claims = "{\"userinfo\":{\"name\":{\"essential\":true},\"email\":{\"essential\":true}}}";

        Response dynamic = browser.get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.DYNAMIC, "redirect_uri", TestClients.DYNAMIC_CALLBACK, "scope", "openid",
                "claims", claims));
        assertEquals(200, dynamic.statusCode());
        assertFalse(dynamic.body().asString().contains(PROFILE));
        assertFalse(dynamic.body().asString().contains(EMAIL));

        Response plainOAuth = browser.get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read:nodes",
                "claims", claims));
        assertEquals(200, plainOAuth.statusCode());
        assertFalse(plainOAuth.body().asString().contains(PROFILE));
        JsonPath code = redeem(codeOf(Flows.decide(browser, plainOAuth, "approve")));
        assertEquals(List.of(), code.getList("userinfo_claims"));
    }

    /** Malformed {@code claims} is a malformed request: {@code invalid_request} at the approved client's URI. */
    @Test
    void handleWhenClaimsMalformedThenInvalidRequestAndNoCode() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("badclaims"));
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "m");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        for (String bad : List.of("not json", "[]", "\"userinfo\"", "42", "null", "{\"userinfo\":[\"name\"]}",
                "{\"userinfo\":{\"name\":1}}", "{\"userinfo\":{\"name\":{\"essential\":\"yes\"}}}",
                "{\"id_token\":{\"acr\":{\"values\":\"0\"}}}", "{\"id_token\":{\"sub\":{\"value\":7}}}",
                "{\"userinfo\":{\"name\":null}} {}", "{\"userinfo\":{\"name\":null}")) {
            Response response = browser.get(authorize + "&claims=" + Browser.encode(bad));
            assertEquals(302, response.statusCode(), bad);
            Map<String, String> query = Browser.query(response.header("Location"));
            assertEquals("invalid_request", query.get("error"), bad);
            assertNotNull(query.get("error_description"), bad);
            assertEquals("m", query.get("state"), bad);
            assertNull(query.get("code"), bad);
        }
        Response twice = browser.get(authorize + "&claims=%7B%7D&claims=%7B%7D");
        assertEquals("invalid_request", Browser.query(twice.header("Location")).get("error"));
        Response tooLong = browser.post("/oauth/authorize", Map.of("response_type", "code", "client_id",
                TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid",
                "claims", "{\"userinfo\":{\"" + "n".repeat(5000) + "\":null}}"));
        assertEquals("invalid_request", Browser.query(tooLong.header("Location")).get("error"));
    }

    /** Sent as every malformed request is: a client nobody approved gets a page, not a redirect (RFC 9700 §4.11.2). */
    @Test
    void handleWhenUnapprovedClientSendsMalformedClaimsThenErrorPageNotRedirect() {
        Response response = new Browser().get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.DYNAMIC, "redirect_uri", TestClients.DYNAMIC_CALLBACK, "scope", "openid",
                "claims", "[1,2"));
        assertEquals(400, response.statusCode());
        assertNull(response.header("Location"));
        assertTrue(response.body().asString().contains("invalid_request"));
    }

    /** OpenID Connect Core §5.5.1: a request naming the ID token's {@code sub} gets no code for another user. */
    @Test
    void handleWhenIdTokenSubValueNamesAnotherUserThenLoginRequiredElseCode() {
        Browser browser = new Browser();
        String user = TestAccounts.fresh("subvalue");
        browser.loginOrFail(user);
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "s");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        Response other = browser.get(authorize + "&claims="
                + Browser.encode("{\"id_token\":{\"sub\":{\"value\":\"" + TestAccounts.idOf("alice") + "\"}}}"));
        assertEquals(302, other.statusCode());
        Map<String, String> query = Browser.query(other.header("Location"));
        assertEquals("login_required", query.get("error"));
        assertEquals("s", query.get("state"));
        assertNull(query.get("code"));

        Response own = browser.get(authorize + "&claims="
                + Browser.encode("{\"id_token\":{\"sub\":{\"value\":\"" + TestAccounts.idOf(user) + "\"}}}"));
        assertNotNull(codeOf(own));
    }

    /**
     * OpenID Connect Core §5.5.1.1: an essential {@code acr} whose values this server cannot reach is a failed
     * authentication; one that allows its level {@code "0"} is served.
     */
    @Test
    void handleWhenEssentialAcrCannotBeMetThenAccessDeniedElseCode() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("acr"));
        String authorize = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "a");
        assertEquals(303, Flows.approve(browser, authorize).statusCode());

        Response unmet = browser.get(authorize + "&claims=" + Browser.encode(
                "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:mace:incommon:iap:silver\"]}}}"));
        assertEquals("access_denied", Browser.query(unmet.header("Location")).get("error"));

        Response voluntary = browser.get(authorize + "&claims=" + Browser.encode(
                "{\"id_token\":{\"acr\":{\"values\":[\"urn:mace:incommon:iap:silver\"]}}}"));
        assertNotNull(codeOf(voluntary));
        Response met = browser.get(authorize + "&claims=" + Browser.encode(
                "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:mace:incommon:iap:silver\",\"0\"]}}}"));
        assertNotNull(codeOf(met));
    }

    private static String codeOf(Response redirect) {
        assertTrue(redirect.statusCode() == 302 || redirect.statusCode() == 303, redirect.body().asString());
        String code = Browser.query(redirect.header("Location")).get("code");
        assertNotNull(code, redirect.header("Location"));
        return code;
    }

    /** Redeems a code the web app got at {@link TestClients#WEB_CALLBACK}, as token-service would. */
    private static JsonPath redeem(String code) {
        return given()
                .header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .contentType("application/json").body(Map.of("code", code, "client_id", TestClients.WEB,
                        "redirect_uri", TestClients.WEB_CALLBACK))
                .post("/internal/authorization-codes/redeem")
                .then().statusCode(200).extract().jsonPath();
    }
}
