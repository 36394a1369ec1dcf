package org.gatehouse.system;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.ClaimRequirement;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSetRequest;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.system.CallbackReceiver.Callback;
import org.gatehouse.system.OAuthClient.Pkce;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3 end to end, through the public edge, with the real pages in headless Chromium: a person signs up, an app
 * sends them through the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636, RFC 9207), they log in and
 * approve, and the app lives with the tokens: userinfo, refresh rotation with family revocation on reuse
 * (OAuth 2.1 §4.3.1), revocation (RFC 7009) and introspection (RFC 7662). Then the error branches, a Mastodon app with
 * the out-of-band redirect, a client of the {@code /api/*.php} shape, and a person whose username is an e-mail address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationCodeBrowserFlowTest extends BrowserFlowSetUp {

    private static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    private static final String SCOPES = "openid profile email read write";
    private static final Duration CALLBACK_WAIT = Duration.ofSeconds(20);

    /** The person whose browser session the flows use; signed up by the first flow (or on demand). */
    private static WebUser user;

    @Test
    @Order(1)
    void handleWhenUserSignsUpLogsInAndApprovesThenAppGetsTokensThatRefreshRotateAndRevoke() throws Exception {
        WebUser alice = WebUser.random("alice");
        signUpInNewSession(alice);
        user = alice;

        String redirectUri = callback.uri("/callback");
        App app = registerApp("Notes E2E " + System.nanoTime(), redirectUri, SCOPES);
        Pkce pkce = Pkce.create();
        String state = OAuthClient.random();
        String nonce = OAuthClient.random();

        callback.clear();
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri, "scope", SCOPES, "state", state,
                "nonce", nonce, "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        browser.waitForPath("/login");
        Pages.logIn(browser, alice);

        browser.waitFor(Pages.APPROVE);
        assertTrue(browser.find(By.tagName("h1")).getText().contains(app.name()),
                "consent page must name the app: " + browser.visibleText());
        assertEquals("Approve", browser.find(Pages.APPROVE).getText());
        assertEquals("Deny", browser.find(Pages.DENY).getText());
        assertTrue(browser.visibleText().contains(alice.username()), "consent page must say who is signed in");
        browser.screenshot("authorization-code-consent");
        assertNull(callback.poll(), "nothing may reach the app before the user decides");
        browser.find(Pages.APPROVE).click();

        // RFC 6749 §4.1.2 + RFC 9207 §2: code, the unchanged state, and iss = the issuer.
        Callback answer = callback.next(CALLBACK_WAIT);
        assertEquals("/callback", answer.path());
        assertNull(answer.param("error"), answer.rawQuery());
        assertNotNull(answer.param("code"), answer.rawQuery());
        assertEquals(state, answer.param("state"));
        assertEquals(run.publicUrl, answer.param("iss"));
        browser.waitFor(By.id("callback"));

        Response tokens = exchange(app, answer.param("code"), redirectUri, pkce.verifier());
        tokens.then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("token_type", equalToIgnoringCase("Bearer"))
                .body("expires_in", notNullValue())
                .body("refresh_token", notNullValue())
                .body("id_token", notNullValue());
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");
        assertEquals(scopeSet(SCOPES), scopeSet(tokens.path("scope")));

        JwtClaims accessClaims = Jwts.accessToken(run.publicUrl, access);
        String userId = accessClaims.getSubject();
        UUID.fromString(userId);
        assertEquals(app.clientId(), accessClaims.getStringClaimValue("client_id"));
        JwtClaims idClaims = Jwts.idToken(run.publicUrl, tokens.path("id_token"), app.clientId());
        assertEquals(nonce, idClaims.getStringClaimValue("nonce"), "OIDC Core §3.1.3.7: nonce echoed");
        assertEquals(userId, idClaims.getSubject());

        bearer(access).get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(userId))
                .body("username", equalTo(alice.username()))
                .body("email", equalTo(alice.email()));

        // Refresh: new tokens, and the refresh token rotates.
        Response refreshed = refreshGrant(app, refresh);
        refreshed.then().statusCode(200).body("access_token", notNullValue()).body("refresh_token", notNullValue());
        String newAccess = refreshed.path("access_token");
        String newRefresh = refreshed.path("refresh_token");
        assertNotEquals(access, newAccess);
        assertNotEquals(refresh, newRefresh);
        bearer(newAccess).get("/oauth/userinfo").then().statusCode(200).body("username", equalTo(alice.username()));

        // Reuse of the rotated refresh token: refused, and the whole family dies, the newest token with it.
        refreshGrant(app, refresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
        refreshGrant(app, newRefresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(app, newAccess).then().statusCode(200).body("active", equalTo(false));

        // A second authorization: the consent is remembered, so the browser goes straight back to the app.
        Pkce second = Pkce.create();
        callback.clear();
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri, "scope", SCOPES, "state", state,
                "code_challenge", second.challenge(), "code_challenge_method", "S256"));
        Callback again = callback.next(CALLBACK_WAIT);
        assertEquals(state, again.param("state"));
        String latest = exchange(app, again.param("code"), redirectUri, second.verifier())
                .then().statusCode(200).extract().path("access_token");
        introspect(app, latest).then().statusCode(200)
                .body("active", equalTo(true))
                .body("client_id", equalTo(app.clientId()))
                .body("sub", equalTo(userId));
        bearer(latest).get("/oauth/userinfo").then().statusCode(200);

        // RFC 7009: revoke the latest access token; UserInfo refuses it on the very next call, introspection says
        // inactive.
        edge().header("Authorization", OAuthClient.basic(app.clientId(), app.clientSecret()))
                .contentType(ContentType.URLENC)
                .formParam("token", latest)
                .formParam("token_type_hint", "access_token")
                .post("/oauth/revoke")
                .then().statusCode(200);
        bearer(latest).get("/oauth/userinfo").then().statusCode(401).body("error", equalTo("invalid_token"));
        introspect(app, latest).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    @Order(2)
    void handleWhenRedirectUriOrClientIsWrongThenErrorPageAndNoRedirect() {
        App app = registerApp("Wrong redirect " + System.nanoTime(), callback.uri("/callback"), "read");
        callback.clear();
        Map<String, String> wrong = Map.of(
                callback.uri("/not-registered"), app.clientId(),
                "https://attacker.example/callback", app.clientId(),
                callback.uri("/callback"), "no-such-client-" + System.nanoTime());
        wrong.forEach((redirectUri, clientId) -> {
            Response page = edge().redirects().follow(false)
                    .queryParam("response_type", "code")
                    .queryParam("client_id", clientId)
                    .queryParam("redirect_uri", redirectUri)
                    .queryParam("state", "s1")
                    .get("/oauth/authorize");
            page.then().statusCode(400)
                    .contentType(ContentType.HTML)
                    .header("Location", nullValue())
                    .body(containsString("<html"));
        });
        assertNull(callback.poll(), "an invalid request must never reach a redirect URI");
    }

    @Test
    @Order(3)
    void handleWhenCodeVerifierDoesNotMatchChallengeThenInvalidGrant() throws Exception {
        String redirectUri = callback.uri("/callback");
        App app = registerApp("PKCE " + System.nanoTime(), redirectUri, "read");
        Pkce pkce = Pkce.create();
        Callback answer = authorize(app, redirectUri, "read", pkce);

        exchange(app, answer.param("code"), redirectUri, Pkce.create().verifier())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    /**
     * The conformance suite's {@code oidcc-codereuse-30seconds}: a code replayed 30 s after its first redemption,
     * then UserInfo with the first access token some 30–200 ms later. UserInfo answered 200 until resource-service's
     * next poll of the denylist; now the first call after the 400 is refused, with no wait between the two.
     */
    @Test
    @Order(4)
    void handleWhenCodeReplayedThenInvalidGrantAndTokensFromItRevoked() throws Exception {
        String redirectUri = callback.uri("/callback");
        App app = registerApp("Replay " + System.nanoTime(), redirectUri, "read");
        Pkce pkce = Pkce.create();
        String code = authorize(app, redirectUri, "read", pkce).param("code");

        Response first = exchange(app, code, redirectUri, pkce.verifier());
        first.then().statusCode(200);
        String accessToken = first.path("access_token");
        bearer(accessToken).get("/oauth/userinfo").then().statusCode(200);
        exchange(app, code, redirectUri, pkce.verifier())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        // RFC 6749 §4.1.2: what the code produced is revoked once it is replayed, the access token in use included,
        // and UserInfo refuses it on the very next call.
        bearer(accessToken).get("/oauth/userinfo").then().statusCode(401).body("error", equalTo("invalid_token"));
        introspect(app, accessToken).then().statusCode(200).body("active", equalTo(false));
        refreshGrant(app, first.path("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    @Order(5)
    void handleWhenRefreshAsksForMoreScopeThanGrantedThenInvalidScope() throws Exception {
        String redirectUri = callback.uri("/callback");
        App app = registerApp("Escalation " + System.nanoTime(), redirectUri, "read write");
        Pkce pkce = Pkce.create();
        Response tokens = exchange(app, authorize(app, redirectUri, "read", pkce).param("code"), redirectUri,
                pkce.verifier());
        tokens.then().statusCode(200);

        edge().header("Authorization", OAuthClient.basic(app.clientId(), app.clientSecret()))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", tokens.<String>path("refresh_token"))
                .formParam("scope", "read write")
                .post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    @Order(6)
    void handleWhenUserDeniesOrFormLacksCsrfTokenThenNoCode() throws Exception {
        WebUser person = user();
        String redirectUri = callback.uri("/callback");
        App app = registerApp("Denied " + System.nanoTime(), redirectUri, "read");

        callback.clear();
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri, "scope", "read", "state", "deny-1"));
        signInIfAsked(person);
        browser.waitFor(Pages.DENY).click();
        // RFC 6749 §4.1.2.1: access_denied to the client, with its state and (RFC 9207) iss; no code.
        Callback denied = callback.next(CALLBACK_WAIT);
        assertEquals("access_denied", denied.param("error"), denied.rawQuery());
        assertEquals("deny-1", denied.param("state"));
        assertEquals(run.publicUrl, denied.param("iss"));
        assertNull(denied.param("code"));

        // A consent POST without (or with a wrong) CSRF token, even with the user's session cookie: 403.
        browser.open(run.publicUrl + "/account");
        String session = browser.driver.manage().getCookieNamed(run.sessionCookie()).getValue();
        for (String csrf : new String[] {null, OAuthClient.random()}) {
            RequestSpecification post = edge().redirects().follow(false)
                    .cookie(run.sessionCookie(), session)
                    .contentType(ContentType.URLENC)
                    .formParam("decision", "approve")
                    .formParam("response_type", "code")
                    .formParam("client_id", app.clientId())
                    .formParam("redirect_uri", redirectUri)
                    .formParam("scope", "read")
                    .formParam("state", "csrf-1");
            if (csrf != null) {
                post.formParam("csrf_token", csrf);
            }
            post.post("/consent").then().statusCode(403).header("Location", nullValue());
        }
        Response login = edge().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", person.username())
                .formParam("password", person.password())
                .post("/login");
        login.then().statusCode(403).header("Location", nullValue());
        assertNull(login.getCookie(run.sessionCookie()), "a login without CSRF token must not start a session");
        assertNull(callback.poll(), "a forged consent must not reach the app");
    }

    @Test
    @Order(7)
    void handleWhenMastodonAppUsesOutOfBandRedirectThenCodeOnPageAndJsonTokenRequestWorks() throws Exception {
        WebUser person = user();
        String name = "Toot E2E " + System.nanoTime();
        App app = registerApp(name, OOB, "read write");

        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", OOB, "scope", "read write"));
        signInIfAsked(person);
        browser.waitFor(Pages.APPROVE);
        assertTrue(browser.find(By.tagName("h1")).getText().contains(name), browser.visibleText());
        browser.screenshot("mastodon-oob-consent");
        browser.find(Pages.APPROVE).click();
        String code = browser.waitFor(By.id("oob-code")).getText().trim();
        assertFalse(code.isEmpty(), "empty OOB code");

        // Mastodon clients send the token request as JSON with client_secret_post.
        Response tokens = edge().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "authorization_code", "code", code, "client_id", app.clientId(),
                        "client_secret", app.clientSecret(), "redirect_uri", OOB, "scope", "read write"))
                .post("/oauth/token");
        tokens.then().statusCode(200)
                .body("token_type", equalToIgnoringCase("Bearer"))
                .body("created_at", notNullValue());
        assertEquals(scopeSet("read write"), scopeSet(tokens.path("scope")));

        Response account = bearer(tokens.path("access_token")).get("/api/v1/accounts/verify_credentials");
        account.then().statusCode(200)
                .body("id", equalTo(Jwts.accessToken(run.publicUrl, tokens.path("access_token")).getSubject()))
                .body("username", equalTo(person.username()))
                .body("acct", equalTo(person.username()))
                .body("display_name", equalTo(person.displayName()))
                .body("created_at", notNullValue());
        OffsetDateTime.parse(account.path("created_at"));
    }

    @Test
    @Order(8)
    void handleWhenSeedStyleClientUsesPhpAliasesWithOnlyCodeAndSecretThenUserinfoHasNames() throws Exception {
        WebUser person = user();
        String redirectUri = callback.uri("/seed/callback");
        String name = "Seed E2E " + System.nanoTime();
        App app = registerApp(name, redirectUri, "read");

        callback.clear();
        browser.open(run.publicUrl + "/api/authorize.php?" + OAuthClient.query("client_id", app.clientId(),
                "redirect_uri", redirectUri, "response_type", "code"));
        signInIfAsked(person);
        browser.waitFor(Pages.APPROVE);
        assertTrue(browser.find(By.tagName("h1")).getText().contains(name), browser.visibleText());
        browser.screenshot("seed-client-consent");
        browser.find(Pages.APPROVE).click();
        Callback answer = callback.next(CALLBACK_WAIT);
        assertEquals("/seed/callback", answer.path());
        assertNotNull(answer.param("code"), answer.rawQuery());

        // Exactly what such a client sends: no grant_type, no redirect_uri.
        Response tokens = edge().contentType(ContentType.URLENC)
                .formParam("code", answer.param("code"))
                .formParam("client_id", app.clientId())
                .formParam("client_secret", app.clientSecret())
                .post("/api/token.php");
        tokens.then().statusCode(200).body("access_token", notNullValue());

        bearer(tokens.path("access_token")).get("/api/userinfo.php").then().statusCode(200)
                .body("username", equalTo(person.username()))
                .body("email", equalTo(person.email()))
                .body("full_name", equalTo(person.displayName()));
    }

    /**
     * A person whose username is their e-mail address, typed in mixed case at sign-up: they sign up on the page, log
     * in on the page with the address in another case, approve, and the app reads the account, named by the address
     * as it was signed up, from verify_credentials and both userinfo shapes.
     */
    @Test
    @Order(9)
    void handleWhenEmailNamedUserSignsUpLogsInAndApprovesThenAppReadsVerifyCredentials() throws Exception {
        WebUser erin = WebUser.withAddress("erin");
        signUpInNewSession(erin);
        // The browser session is erin's from here on: the later flows sign in as her.
        user = erin;

        String redirectUri = callback.uri("/callback");
        App app = registerApp("Mail E2E " + System.nanoTime(), redirectUri, "openid profile email read");
        Pkce pkce = Pkce.create();
        callback.clear();
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri, "scope", "openid profile email read",
                "state", "mail-1", "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        browser.waitForPath("/login");
        Pages.logIn(browser, erin.typing(erin.username().toLowerCase()));
        browser.waitFor(Pages.APPROVE);
        assertTrue(browser.visibleText().contains(erin.username()), "consent page must say who is signed in");
        browser.screenshot("email-username-consent");
        browser.find(Pages.APPROVE).click();
        Callback answer = callback.next(CALLBACK_WAIT);
        assertEquals("mail-1", answer.param("state"));

        Response tokens = exchange(app, answer.param("code"), redirectUri, pkce.verifier());
        tokens.then().statusCode(200);
        String access = tokens.path("access_token");
        String userId = Jwts.accessToken(run.publicUrl, access).getSubject();
        bearer(access).get("/api/v1/accounts/verify_credentials").then().statusCode(200)
                .body("id", equalTo(userId))
                .body("username", equalTo(erin.username()))
                .body("acct", equalTo(erin.username()))
                .body("display_name", equalTo(erin.username()));
        bearer(access).get("/oauth/userinfo").then().statusCode(200)
                .body("preferred_username", equalTo(erin.username()))
                .body("email", equalTo(erin.username()))
                .body("email_verified", equalTo(false));
        bearer(access).get("/api/userinfo.php").then().statusCode(200)
                .body("username", equalTo(erin.username()))
                .body("email", equalTo(erin.username()))
                .body("full_name", equalTo(erin.username()));
    }

    /**
     * OIDC Core §5.1: the names and other profile claims a person gives on {@code /account/name} (kept and validated
     * by registration-service, edited through authorization-service's page) reach an app's UserInfo for scope
     * {@code profile} (§5.4), and {@code updated_at} moves to the change; a value §5.1 does not allow is refused on
     * the page and stores nothing; and an OpenID request with only {@code openid} that names some of them in its
     * {@code claims} parameter (§5.5, for UserInfo and for the ID token, whose profile claims UserInfo answers) gets
     * exactly those.
     */
    @Test
    @Order(10)
    void handleWhenUserGivesProfileClaimsOnAccountPageThenUserinfoReleasesThem() throws Exception {
        WebUser person = user();
        String redirectUri = callback.uri("/callback");
        App app = registerApp("Names E2E " + System.nanoTime(), redirectUri, "openid profile");
        Pkce pkce = Pkce.create();
        Callback answer = authorize(app, redirectUri, "openid profile", pkce);
        String access = exchange(app, answer.param("code"), redirectUri, pkce.verifier()).path("access_token");
        bearer(access).get("/oauth/userinfo").then().statusCode(200)
                .body("$", not(hasKey("given_name")))
                .body("$", not(hasKey("family_name")))
                .body("$", not(hasKey("birthdate")));

        browser.open(run.publicUrl + "/account/name");
        signInIfAsked(person);
        browser.waitFor(By.id("given_name"));
        Map<String, String> profile = new java.util.LinkedHashMap<>();
        profile.put("display_name", "Ada King");
        profile.put("given_name", "Ada");
        profile.put("middle_name", "Augusta");
        profile.put("family_name", "King");
        profile.put("nickname", "Countess");
        profile.put("profile", "https://people.example.org/ada");
        profile.put("picture", "https://img.example.org/ada.png");
        profile.put("website", "https://ada.example.com/");
        profile.put("gender", "female");
        profile.put("birthdate", "1815-12-10");
        profile.put("zoneinfo", "Europe/London");
        profile.put("locale", "en-GB");
        profile.forEach(browser::type);
        long savedFrom = Instant.now().getEpochSecond();
        browser.find(By.cssSelector("button[name='save']")).click();
        browser.waitForPath("/account");
        assertTrue(browser.visibleText().contains("Name and profile saved."), browser.visibleText());

        // A date that is no date, with another name typed beside it: the page says why and nothing is stored.
        browser.open(run.publicUrl + "/account/name");
        browser.waitFor(By.id("birthdate"));
        browser.type("nickname", "Enchantress");
        browser.type("birthdate", "1815-02-30");
        browser.find(By.cssSelector("button[name='save']")).click();
        browser.waitFor(By.cssSelector("[role=alert]"));
        assertTrue(browser.visibleText().contains("birthdate must be a real calendar date"), browser.visibleText());
        assertEquals("1815-02-30", browser.field("birthdate").getAttribute("value"));

        // resource-service keeps an account read for at most 4 s.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bearer(access).get("/oauth/userinfo").then()
                .statusCode(200).body("given_name", equalTo("Ada")));
        Response claims = bearer(access).get("/oauth/userinfo");
        claims.then().statusCode(200).body("preferred_username", equalTo(person.username()));
        profile.forEach((claim, value) -> claims.then().body("display_name".equals(claim) ? "name" : claim,
                equalTo(value)));
        long updatedAt = ((Number) claims.path("updated_at")).longValue();
        assertTrue(updatedAt >= savedFrom, "updated_at " + updatedAt + " must be the change, not the sign-up");

        Pkce named = Pkce.create();
        Callback byName = authorize(app, redirectUri, "openid", named, "claims",
                "{\"userinfo\":{\"picture\":null,\"zoneinfo\":{\"essential\":true}},\"id_token\":{\"birthdate\":null}}");
        String namedAccess = exchange(app, byName.param("code"), redirectUri, named.verifier()).path("access_token");
        Map<String, Object> answered = bearer(namedAccess).get("/oauth/userinfo").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertEquals(Set.of("sub", "picture", "zoneinfo", "birthdate"), answered.keySet(), answered.toString());
        assertEquals("1815-12-10", answered.get("birthdate"));
        assertEquals("Europe/London", answered.get("zoneinfo"));
    }

    /**
     * OIDC Core §5.5 with an independent client (Nimbus {@code oauth2-oidc-sdk}), as the OpenID conformance suite's
     * {@code oidcc-claims-essential} asks it: discovery says the {@code claims} parameter is supported, a request for
     * {@code scope=openid} with {@code claims={"userinfo":{"name":{"essential":true}}}} shows the profile permission on
     * the consent page, and UserInfo answers {@code name} (and no claim that was not asked for).
     */
    @Test
    @Order(11)
    void handleWhenOpenIdClientRequestsNameAsEssentialUserInfoClaimThenUserInfoAnswersIt() throws Exception {
        WebUser nina = WebUser.random("nina");
        signUpInNewSession(nina);
        user = nina;
        OIDCProviderMetadata provider = OIDCProviderMetadata.parse(
                edge().get("/.well-known/openid-configuration").then().statusCode(200).extract().asString());
        assertTrue(provider.supportsClaimsParam(), "claims_parameter_supported");
        String redirectUri = callback.uri("/callback");
        App app = registerApp("Claims E2E " + System.nanoTime(), redirectUri, "openid profile");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        OIDCClaimsRequest claims = new OIDCClaimsRequest().withUserInfoClaimsRequest(new ClaimsSetRequest()
                .add(new ClaimsSetRequest.Entry("name").withClaimRequirement(ClaimRequirement.ESSENTIAL)));
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(app.clientId()), URI.create(redirectUri))
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256).claims(claims).build();

        callback.clear();
        browser.open(request.toURI().toString());
        signInIfAsked(nina);
        browser.waitFor(Pages.APPROVE);
        assertTrue(browser.visibleText().contains("See your name and profile"),
                "a claims request for name is consented to as profile: " + browser.visibleText());
        browser.find(Pages.APPROVE).click();
        AuthenticationResponse response = AuthenticationResponseParser.parse(
                URI.create(redirectUri + "?" + callback.next(CALLBACK_WAIT).rawQuery()));
        assertEquals(state, response.getState());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(send(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(app.clientId()), new Secret(app.clientSecret())),
                new AuthorizationCodeGrant(code, URI.create(redirectUri), verifier)).toHTTPRequest()));
        assertTrue(tokenResponse.indicatesSuccess(), () -> tokenResponse.toErrorResponse().getErrorObject().toString());
        OIDCTokens tokens = ((OIDCTokenResponse) tokenResponse.toSuccessResponse()).getOIDCTokens();
        assertEquals(Scope.parse("openid"), tokens.getAccessToken().getScope(), "the scope stays openid");

        UserInfoResponse userInfo = UserInfoResponse.parse(send(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                tokens.getBearerAccessToken()).toHTTPRequest()));
        assertTrue(userInfo.indicatesSuccess(), () -> userInfo.toErrorResponse().getErrorObject().toString());
        UserInfo answered = userInfo.toSuccessResponse().getUserInfo();
        assertEquals(nina.displayName(), answered.getName());
        assertEquals(Set.of("sub", "name"), answered.toJSONObject().keySet(), answered.toJSONString());
    }

    /**
     * OIDC Core §5.3.2 / Dynamic Client Registration §2: a relying party that registered
     * {@code userinfo_signed_response_alg} gets UserInfo as {@code application/jwt}, signed by a key of the published
     * JWKS, naming the issuer and itself; a client that did not gets JSON.
     */
    @Test
    @Order(12)
    void handleWhenClientRegisteredUserinfoSignedResponseAlgThenUserinfoIsAJwtItVerifies() throws Exception {
        String redirectUri = callback.uri("/callback");
        Response registered = edge().contentType(ContentType.JSON)
                .body(Map.of("client_name", "Signed UserInfo E2E", "redirect_uris", List.of(redirectUri),
                        "token_endpoint_auth_method", "client_secret_basic", "scope", "openid profile",
                        "userinfo_signed_response_alg", "ES256"))
                .post("/oauth/register");
        registered.then().statusCode(201).body("userinfo_signed_response_alg", equalTo("ES256"));
        App app = new App(registered.path("client_id"), registered.path("client_secret"), "Signed UserInfo E2E");
        Pkce pkce = Pkce.create();
        Callback answer = authorize(app, redirectUri, "openid profile", pkce);
        String access = exchange(app, answer.param("code"), redirectUri, pkce.verifier()).path("access_token");

        Response signed = bearer(access).get("/oauth/userinfo");
        signed.then().statusCode(200).contentType(startsWith("application/jwt"));
        JwtClaims claims = Jwts.userInfo(run.publicUrl, signed.asString(), app.clientId(), "ES256");
        assertEquals(Jwts.accessToken(run.publicUrl, access).getSubject(), claims.getSubject());
        assertEquals(user().username(), claims.getStringClaimValue("preferred_username"));

        // The same user's token for a client that registered nothing: plain JSON.
        App plain = registerApp("Plain UserInfo E2E " + System.nanoTime(), redirectUri, "openid profile");
        Pkce other = Pkce.create();
        Callback plainAnswer = authorize(plain, redirectUri, "openid profile", other);
        String plainAccess = exchange(plain, plainAnswer.param("code"), redirectUri, other.verifier())
                .path("access_token");
        bearer(plainAccess).get("/oauth/userinfo").then().statusCode(200).contentType(ContentType.JSON)
                .body("preferred_username", equalTo(user().username()));
    }

    // --- steps -------------------------------------------------------------------------------------------------

    /**
     * Sends a Nimbus request; over https it trusts the edge's self-signed certificate, as RestAssured's relaxed
     * validation does for the https variant of these flows (a client that trusts a private CA).
     */
    private static com.nimbusds.oauth2.sdk.http.HTTPResponse send(com.nimbusds.oauth2.sdk.http.HTTPRequest request)
            throws Exception {
        if ("https".equals(request.getURI().getScheme())) {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            request.setSSLSocketFactory(context.getSocketFactory());
            request.setHostnameVerifier((host, session) -> true);
        }
        return request.send();
    }

    private record App(String clientId, String clientSecret, String name) {
    }

    /** Mastodon-style registration (JSON), as the apps of flow 2 do it. */
    private static App registerApp(String name, String redirectUri, String scopes) {
        Response response = edge().contentType(ContentType.JSON)
                .body(Map.of("client_name", name, "redirect_uris", redirectUri, "scopes", scopes,
                        "website", "https://example.org/system-tests"))
                .post("/api/v1/apps");
        response.then().statusCode(200)
                .body("client_id", notNullValue())
                .body("client_secret", notNullValue())
                .body("redirect_uris", hasItems(redirectUri));
        return new App(response.path("client_id"), response.path("client_secret"), name);
    }

    /** The class's signed-up person (signing one up when the first flow did not run). */
    private static WebUser user() {
        if (user == null) {
            WebUser fresh = WebUser.random("carol");
            Pages.signUp(browser, run.publicUrl, fresh);
            user = fresh;
        }
        return user;
    }

    private static void signInIfAsked(WebUser person) {
        if ("/login".equals(browser.path())) {
            Pages.logIn(browser, person);
        }
    }

    /**
     * A code for {@code app}, the cheap way: sign in and approve only when the platform asks.
     *
     * @param extra further request parameters, names and values in turn
     */
    private static Callback authorize(App app, String redirectUri, String scope, Pkce pkce, String... extra)
            throws Exception {
        WebUser person = user();
        callback.clear();
        List<String> parameters = new java.util.ArrayList<>(List.of("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri, "scope", scope,
                "state", "st", "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        parameters.addAll(List.of(extra));
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query(parameters.toArray(String[]::new)));
        signInIfAsked(person);
        if (browser.has(Pages.APPROVE)) {
            browser.find(Pages.APPROVE).click();
        }
        Callback answer = callback.next(CALLBACK_WAIT);
        assertNotNull(answer.param("code"), answer.rawQuery());
        return answer;
    }

    /** RFC 6749 §4.1.3 with client_secret_basic and the PKCE verifier. */
    private static Response exchange(App app, String code, String redirectUri, String verifier) {
        return edge().header("Authorization", OAuthClient.basic(app.clientId(), app.clientSecret()))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", redirectUri)
                .formParam("code_verifier", verifier)
                .post("/oauth/token");
    }

    private static Response refreshGrant(App app, String refreshToken) {
        return edge().header("Authorization", OAuthClient.basic(app.clientId(), app.clientSecret()))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .post("/oauth/token");
    }

    private static Response introspect(App app, String token) {
        return edge().header("Authorization", OAuthClient.basic(app.clientId(), app.clientSecret()))
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/oauth/introspect");
    }

    private static RequestSpecification bearer(String token) {
        return edge().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification edge() {
        return given().baseUri(run.publicUrl);
    }

    /** Scope strings compared as sets (order is not significant, RFC 6749 §3.3). */
    private static Set<String> scopeSet(String scope) {
        assertNotNull(scope, "no scope in the token response");
        return new TreeSet<>(List.of(scope.trim().split("\\s+")));
    }
}
