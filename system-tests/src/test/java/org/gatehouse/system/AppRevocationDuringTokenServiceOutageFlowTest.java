package org.gatehouse.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.system.CallbackReceiver.Callback;
import org.gatehouse.system.OAuthClient.Pkce;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Revoking an app can leave it access for good, end to end over the real processes: a person approves an app through
 * the authorization code flow, then revokes it on {@code /account} while token-service is frozen (SIGSTOP: it
 * accepts connections and answers nothing, a peer slower than any timeout). Before the fix the consent went, the call
 * revoking the app's tokens was dropped, the page said they would "expire within the hour", and after token-service
 * came back the app's refresh token went on rotating. Now the page lists the app as "Revocation pending"; once
 * token-service runs again (SIGCONT) the kept revocation reaches it without anyone doing anything, the page stops
 * saying pending, the app's refresh token is refused and its access token is refused by the resource server.
 */
@Tag("reliability")
class AppRevocationDuringTokenServiceOutageFlowTest extends BrowserFlowSetUp {

    private static final String FROZEN = "token-service";
    private static final Duration CALLBACK_WAIT = Duration.ofSeconds(20);
    /** Long enough for the first attempt and a few retries to time out (2 s each) while token-service is frozen. */
    private static final Duration FROZEN_FOR = Duration.ofSeconds(8);

    @Test
    void revokeWhenTokenServiceFrozenThenRevocationPendingUntilItReturnsAndTheAppsRefreshRefusedAfterwards()
            throws Exception {
        WebUser person = WebUser.random("revoker");
        signUpInNewSession(person);
        String redirectUri = callback.uri("/callback");
        App app = registerApp("Revoked During Outage " + System.nanoTime(), redirectUri);
        Pkce pkce = Pkce.create();
        callback.clear();
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri, "scope", "read",
                "state", "st", "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        if ("/login".equals(browser.path())) {
            Pages.logIn(browser, person);
        }
        browser.waitFor(Pages.APPROVE).click();
        Callback answer = callback.next(CALLBACK_WAIT);
        assertNotNull(answer.param("code"), answer.rawQuery());
        Response tokens = exchange(app, answer.param("code"), redirectUri, pkce.verifier());
        tokens.then().statusCode(200).body("refresh_token", notNullValue());
        Response refreshed = refreshGrant(app, tokens.path("refresh_token"));
        refreshed.then().statusCode(200);
        String access = refreshed.path("access_token");
        String refresh = refreshed.path("refresh_token");
        bearer(access).get("/oauth/userinfo").then().statusCode(200);

        ProcessHandle tokenService = run.process.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(FROZEN + "/target/quarkus-app/quarkus-run.jar"))
                .findFirst().orElseThrow(() -> new AssertionError(FROZEN + " not running"));
        long frozenAt;
        long resumedAt;
        signal("STOP", tokenService);
        try {
            frozenAt = System.nanoTime();
            browser.open(run.publicUrl + "/account");
            browser.find(By.cssSelector("button[name='revoke'][value='" + app.clientId() + "']")).click();
            browser.waitFor(By.id("revocation-pending-" + app.clientId()));
            String page = browser.visibleText();
            System.out.printf("[system-tests] revoke answered %d ms after token-service froze%n",
                    Duration.ofNanos(System.nanoTime() - frozenAt).toMillis());
            assertTrue(page.contains("Revocation pending"), page);
            assertTrue(page.contains("Ending the tokens it already holds is pending"), page);
            assertFalse(page.contains("expire within the hour"), page);
            browser.screenshot("account-revocation-pending");
            Thread.sleep(Math.max(0, FROZEN_FOR.toMillis() - Duration.ofNanos(System.nanoTime() - frozenAt).toMillis()));
            browser.open(run.publicUrl + "/account");
            assertTrue(browser.has(By.id("revocation-pending-" + app.clientId())), "still pending while frozen: "
                    + browser.visibleText());
        } finally {
            signal("CONT", tokenService);
            resumedAt = System.nanoTime();
        }

        // Nobody does anything: the kept revocation reaches token-service once it runs again.
        await("the revocation confirmed").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    browser.open(run.publicUrl + "/account");
                    return !browser.has(By.id("revocation-pending-" + app.clientId()));
                });
        long confirmedMillis = Duration.ofNanos(System.nanoTime() - resumedAt).toMillis();
        System.out.printf("[system-tests] revocation confirmed %d ms after token-service resumed (frozen %d ms)%n",
                confirmedMillis, TimeUnit.NANOSECONDS.toMillis(resumedAt - frozenAt));
        assertFalse(browser.visibleText().contains(app.name()), "the app is gone from /account");

        refreshGrant(app, refresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(app, access).then().statusCode(200).body("active", equalTo(false));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                bearer(access).get("/oauth/userinfo").then().statusCode(401).body("error", equalTo("invalid_token")));
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal);
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + process.pid());
    }

    private record App(String clientId, String clientSecret, String name) {
    }

    private static App registerApp(String name, String redirectUri) {
        Response response = edge().contentType(ContentType.JSON)
                .body(Map.of("client_name", name, "redirect_uris", redirectUri, "scopes", "read"))
                .post("/api/v1/apps");
        response.then().statusCode(200);
        return new App(response.path("client_id"), response.path("client_secret"), name);
    }

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
}
