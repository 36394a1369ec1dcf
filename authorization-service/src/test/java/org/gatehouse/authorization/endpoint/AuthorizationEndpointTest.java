package org.gatehouse.authorization.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Pkce;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request validation at the authorization endpoint: which errors are a page and which go back to the client. */
@QuarkusTest
class AuthorizationEndpointTest {

    private static final String ISSUER = "http://localhost:8080";
    private Browser browser;

    @BeforeEach
    void signIn() {
        browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("endpoint"));
    }

    @Test
    void handleWhenClientUnknownThenErrorPageAndNoRedirect() {
        Response response = browser.get(Browser.authorizePath("response_type", "code", "client_id", "nobody",
                "redirect_uri", "https://evil.example/cb", "state", "s"));
        assertErrorPage(response, "invalid_client");
    }

    @Test
    void handleWhenClientIdMissingThenErrorPage() {
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "code")), "invalid_request");
    }

    @Test
    void handleWhenRedirectUriNotRegisteredThenErrorPageAndNoLocation() {
        Response response = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", "https://evil.example/callback", "state", "s"));
        assertErrorPage(response, "invalid_request");
        assertTrue(response.body().asString().contains("redirect_uri is not registered"));
    }

    @Test
    void handleWhenRedirectUriDiffersOnlyByPrefixOrPathThenErrorPage() {
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK + "/../x")), "invalid_request");
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.NATIVE,
                "redirect_uri", "http://127.0.0.1:8000/other")), "invalid_request");
    }

    @Test
    void handleWhenRedirectUriOmittedAndSeveralRegisteredThenErrorPage() {
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB)),
                "invalid_request");
    }

    @Test
    void handleWhenResponseTypeUnsupportedThenRedirectWithError() {
        Map<String, String> error = redirectError(Browser.authorizePath("response_type", "token",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "state", "s1"));
        assertEquals("unsupported_response_type", error.get("error"));
        assertEquals("s1", error.get("state"));
        assertEquals(ISSUER, error.get("iss"));
        assertTrue(error.containsKey("error_description"));
    }

    @Test
    void handleWhenResponseTypeMissingThenInvalidRequestRedirect() {
        assertEquals("invalid_request", redirectError(Browser.authorizePath("client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK)).get("error"));
    }

    @Test
    void handleWhenPublicClientSendsNoPkceThenInvalidRequestRedirect() {
        Map<String, String> error = redirectError(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.NATIVE, "redirect_uri", TestClients.NATIVE_CALLBACK, "state", "pk"));
        assertEquals("invalid_request", error.get("error"));
        assertTrue(error.get("error_description").contains("PKCE"));
        assertEquals("pk", error.get("state"));
        assertEquals(ISSUER, error.get("iss"));
    }

    @Test
    void handleWhenPlainPkceThenInvalidRequestRedirect() {
        Map<String, String> error = redirectError(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.NATIVE, "redirect_uri", TestClients.NATIVE_CALLBACK,
                "code_challenge", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq", "code_challenge_method", "plain"));
        assertEquals("invalid_request", error.get("error"));
        assertTrue(error.get("error_description").contains("S256"));
    }

    @Test
    void handleWhenPkceMethodOmittedThenTreatedAsPlainAndRefused() {
        assertEquals("invalid_request", redirectError(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.NATIVE, "redirect_uri", TestClients.NATIVE_CALLBACK,
                "code_challenge", Pkce.generate().challenge())).get("error"));
    }

    @Test
    void handleWhenScopeNotRegisteredForClientThenInvalidScope() {
        Map<String, String> error = redirectError(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read write",
                "state", "esc"));
        assertEquals("invalid_scope", error.get("error"));
        assertEquals("esc", error.get("state"));
    }

    @Test
    void handleWhenScopeUnknownThenInvalidScope() {
        assertEquals("invalid_scope", redirectError(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read superpowers"))
                .get("error"));
    }

    @Test
    void handleWhenClientNotRegisteredForCodeGrantThenUnauthorizedClient() {
        assertEquals("unauthorized_client", redirectError(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.MACHINE, "redirect_uri", "https://machine.example/cb")).get("error"));
    }

    @Test
    void handleWhenParameterRepeatedThenInvalidRequest() {
        Response response = browser.get("/oauth/authorize?response_type=code&client_id=" + TestClients.WEB
                + "&redirect_uri=" + Browser.encode(TestClients.WEB_CALLBACK) + "&scope=read&scope=profile");
        assertEquals(302, response.statusCode());
        assertEquals("invalid_request", Browser.query(response.header("Location")).get("error"));
    }

    @Test
    void handleWhenOutOfBandRequestInvalidThenErrorPageInsteadOfRedirect() {
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "token", "client_id",
                TestClients.MASTODON, "redirect_uri", TestClients.OOB)), "unsupported_response_type");
    }

    @Test
    void handleWhenNotSignedInThenRedirectToLoginWithLocalReturnPath() {
        Response response = new Browser().get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "state", "s"));
        assertEquals(302, response.statusCode());
        String location = response.header("Location");
        assertTrue(location.startsWith("/login?return_to="), location);
        String returnTo = Browser.query(location).get("return_to");
        assertTrue(returnTo.startsWith("/oauth/authorize?client_id=web-app&redirect_uri="), returnTo);
    }

    @Test
    void handleWhenPostedAsFormThenSameValidation() {
        Response response = browser.post("/oauth/authorize", Map.of("response_type", "code", "client_id",
                TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().asString().contains("value=\"approve\""));
    }

    private Map<String, String> redirectError(String path) {
        Response response = browser.get(path);
        assertEquals(302, response.statusCode(), response.body().asString());
        Map<String, String> query = Browser.query(response.header("Location"));
        assertNull(query.get("code"));
        return query;
    }

    private static void assertErrorPage(Response response, String error) {
        assertEquals(400, response.statusCode());
        assertNull(response.header("Location"), "an error page, never a redirect");
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        assertTrue(response.body().asString().contains("<code id=\"error-code\">" + error + "</code>"),
                response.body().asString());
    }
}
