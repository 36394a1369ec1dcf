package org.gatehouse.authorization.endpoint;

import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.Pkce;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request validation at the authorization endpoint: which errors are a page and which go back to the client. */
@QuarkusTest
class AuthorizationEndpointTest {

    private static final String ISSUER = "http://localhost:8080";
    private Browser browser;

    /**
     * A user who approved the web and native apps (for {@code openid} only, so wider requests still ask): their
     * malformed requests are answered at the client's redirect URI.
     */
    @BeforeEach
    void signIn() {
        browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("endpoint"));
        assertEquals(303, Flows.approve(browser, Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid"))
                .statusCode());
        assertEquals(303, Flows.approve(browser, Browser.authorizePath("response_type", "code",
                "client_id", TestClients.NATIVE, "redirect_uri", TestClients.NATIVE_CALLBACK, "scope", "openid",
                "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256")).statusCode());
    }

    /**
     * Open redirector through error responses (RFC 9700 §4.11.2): anyone can register a client with
     * {@code https://evil.example/x} and send victims to a malformed request for it. Nobody approved that client,
     * so the error is shown on Gatehouse's page with a link the user may follow, never an automatic redirect.
     */
    @Test
    void handleWhenUnapprovedClientSendsMalformedRequestThenErrorPageNotOpenRedirect() {
        String attack = Browser.authorizePath("client_id", TestClients.DYNAMIC,
                "redirect_uri", TestClients.DYNAMIC_CALLBACK, "response_type", "bogus", "state", "lure");
        for (Browser victim : new Browser[]{new Browser(), browser}) {
            Response response = victim.get(attack);
            assertErrorPage(response, "unsupported_response_type");
            String link = Browser.unescapedAttribute(response.body().asString(), "continue", "href");
            assertTrue(link.startsWith(TestClients.DYNAMIC_CALLBACK + "?error=unsupported_response_type"), link);
            assertEquals("lure", Browser.query(link).get("state"));
            assertTrue(response.body().asString().contains("Continue to rp.example"));
        }
        Response postedForm = browser.post("/oauth/authorize", Map.of("client_id", TestClients.DYNAMIC,
                "redirect_uri", TestClients.DYNAMIC_CALLBACK, "scope", "teleport", "response_type", "code"));
        assertErrorPage(postedForm, "invalid_scope");
    }

    @Test
    void handleWhenOperatorTrustedClientSendsMalformedRequestThenErrorRedirectedWithoutConsent() {
        Response response = new Browser().get(Browser.authorizePath("client_id", TestClients.SINGLE,
                "response_type", "bogus", "state", "t"));
        assertEquals(302, response.statusCode(), response.body().asString());
        assertTrue(response.header("Location").startsWith(TestClients.SINGLE_CALLBACK + "&error="),
                response.header("Location"));
        assertEquals("t", Browser.query(response.header("Location")).get("state"));
    }

    @Test
    void handleWhenApprovedClientSendsMalformedRequestThenErrorRedirectedToIt() {
        Map<String, String> error = redirectError(Browser.authorizePath("client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "response_type", "bogus"));
        assertEquals("unsupported_response_type", error.get("error"));
    }

    /**
     * OpenID Connect Core §6: request objects are not supported, so a request carrying one is refused with
     * {@code request_not_supported} at the client's redirect URI (the request object built and the answer read by
     * Nimbus), rather than served while the state and nonce inside it are silently dropped.
     */
    @Test
    void handleWhenRequestObjectSentThenRequestNotSupportedAtTheRedirectUri() throws Exception {
        AuthenticationRequest inside = openIdRequest(TestClients.WEB, TestClients.WEB_CALLBACK)
                .state(new State("inside")).nonce(new Nonce("n-inside")).build();
        AuthenticationRequest request = openIdRequest(TestClients.WEB, TestClients.WEB_CALLBACK)
                .state(new State("outside")).requestObject(new PlainJWT(inside.toJWTClaimsSet())).build();

        AuthenticationErrorResponse error = nimbusError(browser.get("/oauth/authorize?" + request.toQueryString()));

        assertEquals(OAuth2Error.REQUEST_NOT_SUPPORTED.getCode(), error.getErrorObject().getCode());
        assertEquals("outside", error.getState().getValue());
        assertEquals(ISSUER, error.getIssuer().getValue());
        assertEquals(URI.create(TestClients.WEB_CALLBACK), error.getRedirectionURI());
    }

    @Test
    void handleWhenRequestUriSentThenRequestUriNotSupportedAtTheRedirectUri() throws Exception {
        AuthenticationRequest request = openIdRequest(TestClients.WEB, TestClients.WEB_CALLBACK)
                .state(new State("ru")).requestURI(URI.create("https://app.example/request.jwt")).build();

        AuthenticationErrorResponse error = nimbusError(browser.get("/oauth/authorize?" + request.toQueryString()));

        assertEquals(OAuth2Error.REQUEST_URI_NOT_SUPPORTED.getCode(), error.getErrorObject().getCode());
        assertEquals("ru", error.getState().getValue());
        Response posted = browser.post("/oauth/authorize", Map.of("response_type", "code", "scope", "openid",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK,
                "request_uri", "urn:ietf:params:oauth:request_uri:abc"));
        assertEquals("request_uri_not_supported", Browser.query(posted.header("Location")).get("error"));
    }

    /** The refusal of a request object follows the open-redirector rule of every malformed request. */
    @Test
    void handleWhenUnapprovedClientSendsRequestObjectThenErrorPageNotRedirect() throws Exception {
        AuthenticationRequest inside = openIdRequest(TestClients.DYNAMIC, TestClients.DYNAMIC_CALLBACK).build();
        AuthenticationRequest request = openIdRequest(TestClients.DYNAMIC, TestClients.DYNAMIC_CALLBACK)
                .requestObject(new PlainJWT(inside.toJWTClaimsSet())).build();

        Response response = new Browser().get("/oauth/authorize?" + request.toQueryString());

        assertErrorPage(response, "request_not_supported");
        assertTrue(Browser.unescapedAttribute(response.body().asString(), "continue", "href")
                .startsWith(TestClients.DYNAMIC_CALLBACK + "?error=request_not_supported"));
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

    /**
     * A loopback redirect URI may name any port (RFC 8252 §7.3), but a port is 1 to 65535 in canonical decimal:
     * {@code 99999}, {@code 0}, {@code 04000}, {@code 65536} and an empty port matched before and got a code sent
     * there. Now they match nothing: the error page, never a redirect.
     */
    @Test
    void handleWhenLoopbackRedirectUriPortOutOfRangeZeroOrNotCanonicalThenErrorPageNotRedirect() {
        for (String port : java.util.List.of("99999", "0", "04000", "65536", "")) {
            Response response = browser.get(Browser.authorizePath("response_type", "code", "client_id",
                    TestClients.NATIVE, "redirect_uri", "http://127.0.0.1:" + port + "/callback", "scope", "openid",
                    "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256"));
            assertErrorPage(response, "invalid_request");
            assertTrue(response.body().asString().contains("redirect_uri is not registered"), port);
        }
        Response anyPort = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.NATIVE,
                "redirect_uri", "http://127.0.0.1:65535/callback", "scope", "openid",
                "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256"));
        assertEquals(302, anyPort.statusCode(), anyPort.body().asString());
        assertTrue(anyPort.header("Location").startsWith("http://127.0.0.1:65535/callback?code="));
    }

    /**
     * {@code response_mode=fragment} (or any mode but {@code query}, the only one implemented) was ignored and the
     * code sent in the query all the same: now it is refused with {@code invalid_request} (OpenID Connect Core
     * §3.1.2.1), at the redirect URI of a client the user approved and no code issued.
     */
    @Test
    void handleWhenResponseModeIsNotQueryThenInvalidRequestAndNoCode() {
        for (String mode : java.util.List.of("fragment", "form_post", "query.jwt", "Query")) {
            Map<String, String> error = redirectError(Browser.authorizePath("response_type", "code",
                    "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid",
                    "response_mode", mode, "state", "rm"));
            assertEquals("invalid_request", error.get("error"), mode);
            assertTrue(error.get("error_description").contains("response_mode"), mode);
            assertEquals("rm", error.get("state"));
        }
        Response query = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "response_mode", "query"));
        assertEquals(302, query.statusCode(), query.body().asString());
        assertNotNull(Browser.query(query.header("Location")).get("code"));
    }

    /** Nobody approved the client: an unsupported response_mode is shown on the error page, not redirected. */
    @Test
    void handleWhenUnapprovedClientSendsUnsupportedResponseModeThenErrorPage() {
        Response response = browser.get(Browser.authorizePath("response_type", "code", "client_id",
                TestClients.DYNAMIC, "redirect_uri", TestClients.DYNAMIC_CALLBACK, "response_mode", "fragment"));
        assertErrorPage(response, "invalid_request");
        assertTrue(response.body().asString().contains("response_mode"), response.body().asString());
    }

    /**
     * A form value may hold a raw {@code =} (only {@code &} ends it): Quarkus REST's reader of a whole form split
     * {@code state=a=b} at its second {@code =}, and the client got {@code state=a} back. The value comes back whole,
     * in a POSTed authorization request as in a query.
     */
    @Test
    void handleWhenParameterValueHoldsRawEqualsSignThenKeptWhole() {
        String raw = "response_type=code&client_id=" + TestClients.WEB + "&redirect_uri="
                + Browser.encode(TestClients.WEB_CALLBACK) + "&scope=openid&state=a=b==c";
        Response posted = given().redirects().follow(false)
                .cookie(Browser.SESSION_COOKIE, browser.cookie(Browser.SESSION_COOKIE))
                .contentType("application/x-www-form-urlencoded").body(raw).post("/oauth/authorize");
        assertEquals(303, posted.statusCode(), posted.body().asString());
        assertEquals("a=b==c", Browser.query(posted.header("Location")).get("state"));
        assertNotNull(Browser.query(posted.header("Location")).get("code"));

        Response queried = browser.get("/oauth/authorize?" + raw);
        assertEquals(302, queried.statusCode(), queried.body().asString());
        assertEquals("a=b==c", Browser.query(queried.header("Location")).get("state"));
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

    /**
     * PKCE downgrade (RFC 9700 §2.1.1): a confidential client registered with {@code require_pkce} is refused a code
     * without a {@code code_challenge}, so an intercepted code is useless to whoever also holds its secret.
     */
    @Test
    void handleWhenClientRegisteredRequirePkceSendsNoChallengeThenInvalidRequest() {
        Response refused = browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.PKCE_REQUIRED, "redirect_uri", TestClients.PKCE_REQUIRED_CALLBACK,
                "scope", "openid", "state", "strict"));
        assertErrorPage(refused, "invalid_request");
        assertTrue(refused.body().asString().contains("must use PKCE"), refused.body().asString());

        Response consent = browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.PKCE_REQUIRED, "redirect_uri", TestClients.PKCE_REQUIRED_CALLBACK,
                "scope", "openid", "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256"));
        assertEquals(200, consent.statusCode(), consent.body().asString());
        assertTrue(consent.body().asString().contains("Strict Example"));
    }

    /** A confidential client that did not ask for PKCE still gets a code without it (the PHP-style integration). */
    @Test
    void handleWhenConfidentialClientSendsNoChallengeThenCodeIssued() {
        Response response = browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid"));
        assertEquals(302, response.statusCode(), response.body().asString());
        assertNotNull(Browser.query(response.header("Location")).get("code"));
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
    void handleWhenClientRegisteredWithoutOpenidRequestsOpenidThenLoginPage() {
        Response response = new Browser().get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.DYNAMIC, "redirect_uri", TestClients.DYNAMIC_CALLBACK, "scope", "openid",
                "state", "s"));
        assertEquals(302, response.statusCode());
        assertTrue(response.header("Location").startsWith("/login?return_to="), response.header("Location"));
    }

    @Test
    void handleWhenPromptNoneOpenidRequestWithoutSessionThenLoginRequiredNotInvalidScope() {
        Response response = new Browser().get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.DYNAMIC, "redirect_uri", TestClients.DYNAMIC_CALLBACK, "scope", "openid",
                "prompt", "none", "state", "pn"));
        assertEquals(302, response.statusCode());
        assertTrue(response.header("Location").startsWith(TestClients.DYNAMIC_CALLBACK + "?"));
        Map<String, String> query = Browser.query(response.header("Location"));
        assertEquals("login_required", query.get("error"));
        assertEquals("pn", query.get("state"));
        assertEquals(ISSUER, query.get("iss"));
    }

    @Test
    void handleWhenOpenidRequestCarriesUnknownValuesAndOfflineAccessThenIgnored() {
        Response consent = browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.DYNAMIC, "redirect_uri", TestClients.DYNAMIC_CALLBACK,
                "scope", "openid bogus read offline_access", "state", "ig"));
        assertEquals(200, consent.statusCode(), consent.body().asString());
        Response back = Flows.decide(browser, consent, "approve");
        assertEquals(303, back.statusCode());
        String code = Browser.query(back.header("Location")).get("code");
        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .contentType("application/json").body(Map.of("code", code, "client_id", TestClients.DYNAMIC,
                        "redirect_uri", TestClients.DYNAMIC_CALLBACK))
                .post("/internal/authorization-codes/redeem")
                .then().statusCode(200)
                .body("scope", equalTo("openid read"));
    }

    @Test
    void handleWhenOfflineAccessRequestedWithoutOpenidThenIgnoredNotInvalidScope() {
        Response consent = browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK,
                "scope", "read offline_access"));
        assertEquals(200, consent.statusCode());
        assertTrue(consent.body().asString().contains("value=\"approve\""));
    }

    @Test
    void handleWhenClientNotRegisteredForCodeGrantThenUnauthorizedClientPage() {
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.MACHINE, "redirect_uri", "https://machine.example/cb")), "unauthorized_client");
    }

    /**
     * A third-party ({@code tp_}) app has no grant types: it must not pass the OAuth authorization endpoint, where a
     * consent would be stored (listed on /account beside its real grant) and a code issued that it cannot redeem.
     */
    @Test
    void handleWhenThirdPartyAppUsesOauthAuthorizeThenErrorPageAndNothingStored() {
        Map<String, String> request = Map.of("response_type", "code", "client_id", TestClients.THIRD_PARTY,
                "redirect_uri", TestClients.THIRD_PARTY_CALLBACK, "scope", "read:nodes", "state", "tp");
        assertErrorPage(browser.get(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.THIRD_PARTY, "redirect_uri", TestClients.THIRD_PARTY_CALLBACK,
                "scope", "read:nodes", "state", "tp")), "unauthorized_client");

        String account = browser.get("/account").body().asString();
        Map<String, String> forged = new java.util.LinkedHashMap<>(request);
        forged.put("csrf_token", Browser.csrfToken(account));
        forged.put("decision", "approve");
        assertErrorPage(browser.post("/consent", forged), "unauthorized_client");

        assertTrue(!browser.get("/account").body().asString().contains(TestClients.THIRD_PARTY_NAME),
                "the app is not listed as authorized");
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

    private static AuthenticationRequest.Builder openIdRequest(String clientId, String redirectUri) {
        return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"),
                new ClientID(clientId), URI.create(redirectUri));
    }

    private static AuthenticationErrorResponse nimbusError(Response response) throws Exception {
        assertEquals(302, response.statusCode(), response.body().asString());
        return AuthenticationResponseParser.parse(URI.create(response.header("Location"))).toErrorResponse();
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
