package org.gatehouse.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.system.CallbackReceiver.Callback;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 end to end (ARCHITECTURE.md flow 5) in headless Chromium through the public edge: a developer registers
 * an app on the dashboard and copies its API key; a user authorizes it through an exposure profile (a covering
 * profile pre-selected; Approve enabled only while the selected profile covers the request, at once in the page);
 * the app acts for the user with {@code X-API-Key} + {@code X-User-ID}, limited to requested ∩ granted; the user's
 * data stays private; revoking on {@code /account} cuts the app off within 5 s.
 */
class ThirdPartyAppBrowserFlowTest extends BrowserFlowSetUp {

    private static final By CHOOSE = By.cssSelector("button[name='decision'][value='choose']");
    private static final By APPROVE_HINT = By.id("approve-hint");

    @Test
    void handleWhenDeveloperRegistersAppAndUserApprovesThroughProfileThenApiKeyCallsAreLimitedUntilRevoked()
            throws Exception {
        // 1. The developer signs up, signs in for the dashboard and registers an app.
        WebUser developer = WebUser.random("dev");
        signUpInNewSession(developer);
        browser.open(run.publicUrl + "/login?return_to=/developer");
        Pages.logIn(browser, developer);
        browser.waitForPath("/developer");
        assertTrue(browser.visibleText().contains(developer.username()), browser.visibleText());

        String appName = "Garden Planner " + System.nanoTime();
        String redirectUri = callback.uri("/callback");
        browser.find(By.id("register-app")).click();
        browser.waitForPath("/developer/apps/new");
        browser.type("name", appName);
        browser.type("redirect_uris", redirectUri);
        for (String permission : List.of("read:nodes", "write:nodes")) {
            WebElement box = browser.find(By.id("permission-" + permission));
            if (!box.isSelected()) {
                box.click();
            }
            assertTrue(box.isSelected(), permission);
        }
        for (WebElement box : browser.findAll(By.cssSelector("input[name='requested_permissions']"))) {
            String value = box.getDomAttribute("value");
            assertEquals(List.of("read:nodes", "write:nodes").contains(value), box.isSelected(), value);
        }
        browser.find(By.cssSelector("form[action='/developer/apps'] button[type='submit']")).click();
        String apiKey = browser.waitFor(By.id("api-key")).getText().trim();
        String clientId = browser.find(By.id("client-id")).getText().trim();
        assertTrue(clientId.matches("tp_[A-Za-z0-9_-]+"), "client_id " + clientId);
        assertTrue(apiKey.matches("[A-Za-z0-9]+_tp_[A-Za-z0-9]+\\.[A-Za-z0-9_-]{43,}"), "API key format: " + apiKey);
        browser.screenshot("developer-app-registered");
        browser.open(run.publicUrl + "/developer");
        assertTrue(browser.visibleText().contains(appName), "dashboard lists the app: " + browser.visibleText());
        assertFalse(browser.driver.getPageSource().contains(apiKey.substring(apiKey.indexOf('.') + 1)),
                "the API key's secret must be shown only once");

        // 2. Another person signs up and is sent to the app's authorization page.
        WebUser bob = WebUser.random("bob");
        signUpInNewSession(bob);
        String state = OAuthClient.random();
        String authorize = run.publicUrl + "/api/v1/authorize?" + OAuthClient.query(
                "client_id", clientId, "redirect_uri", redirectUri, "state", state);
        callback.clear();
        browser.open(authorize);
        browser.waitForPath("/login");
        Pages.logIn(browser, bob);

        // 3. "Everything", the profile that covers read:nodes + write:nodes, is pre-selected: Approve is enabled.
        WebElement approve = browser.waitFor(Pages.APPROVE);
        assertTrue(browser.find(By.tagName("h1")).getText().contains(appName), browser.visibleText());
        assertEquals("Everything", selectedProfile());
        assertTrue(approve.isEnabled(), "Approve must be enabled for a covering profile");
        assertFalse(browser.find(APPROVE_HINT).isDisplayed());

        // Approve follows the selection in the page itself (the same-origin script), no round trip: "Basic" lacks
        // the nodes permissions, "Everything" covers them.
        String consentUrl = browser.driver.getCurrentUrl();
        WebElement permissions = browser.find(By.id("requested-permissions"));
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        js.executeScript("window.gatehouseSamePage = 'still here'");
        profileRadio("Basic").click();
        assertEquals("Basic", selectedProfile());
        assertFalse(approve.isEnabled(), "Approve must be disabled as soon as Basic is selected");
        assertNotNull(approve.getDomAttribute("disabled"));
        assertTrue(browser.find(APPROVE_HINT).isDisplayed());
        browser.screenshot("third-party-consent-lacking");
        profileRadio("Everything").click();
        assertEquals("Everything", selectedProfile());
        assertTrue(approve.isEnabled(), "Approve must be enabled as soon as Everything is selected");
        assertFalse(browser.find(APPROVE_HINT).isDisplayed());
        profileRadio("Basic").click();
        assertFalse(approve.isEnabled(), "Approve must be disabled again for Basic");
        // No navigation in between: same URL, same DOM (a reload would make the element stale), same window state.
        assertEquals(consentUrl, browser.driver.getCurrentUrl());
        assertTrue(permissions.isDisplayed());
        assertEquals("still here", js.executeScript("return window.gatehouseSamePage"));
        browser.screenshot("third-party-consent");

        // ... and the server enforces it too: an Approve forced through anyway gets no redirect.
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].removeAttribute('disabled')", approve);
        approve.click();
        browser.waitUntil(d -> !browser.has(Pages.APPROVE) || browser.has(By.id("consent-error")),
                "the refusal of a forced Approve");
        assertNull(callback.poll(), "a profile lacking permissions must not be approvable");

        // 4. Choose (the round trip that works without script) "Basic", then "Everything" → Approve enabled →
        // approve → the app's callback learns the user id.
        browser.open(authorize);
        browser.waitFor(Pages.APPROVE);
        profileRadio("Basic").click();
        browser.find(CHOOSE).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("profile_id=") && "Basic".equals(selectedProfile())
                && !d.findElement(Pages.APPROVE).isEnabled(), "the page for Basic with Approve disabled");
        String everythingId = profileRadio("Everything").getDomAttribute("value");
        profileRadio("Everything").click();
        browser.find(CHOOSE).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("profile_id=" + everythingId)
                        && "Everything".equals(selectedProfile()) && d.findElement(Pages.APPROVE).isEnabled(),
                "Approve to be enabled for Everything");
        assertNull(browser.find(Pages.APPROVE).getDomAttribute("disabled"));
        browser.find(Pages.APPROVE).click();

        Callback answer = callback.next(Duration.ofSeconds(20));
        assertEquals("/callback", answer.path());
        assertEquals("success", answer.param("code"), answer.rawQuery());
        assertEquals(clientId, answer.param("client_id"));
        assertEquals(state, answer.param("state"));
        String userId = answer.param("user_id");
        assertNotNull(userId, answer.rawQuery());
        assertEquals(userId, UUID.fromString(userId).toString(), "user_id must be a UUID");

        // 5. The app acts for bob within requested (read:nodes, write:nodes) ∩ Everything.
        app(apiKey, userId).get("/api/v1/nodes").then().statusCode(200).body("data", notNullValue());
        Response created = app(apiKey, userId).contentType(ContentType.JSON)
                .body(Map.of("type", "plan", "title", "Tomatoes", "content", "water daily", "tags", List.of("garden")))
                .post("/api/v1/nodes");
        created.then().statusCode(201)
                .header("Location", notNullValue())
                .body("title", equalTo("Tomatoes"))
                .body("tags", hasItem("garden"));
        String nodeId = created.path("id");
        app(apiKey, userId).get("/api/v1/nodes").then().statusCode(200).body("data.id", hasItem(nodeId));
        app(apiKey, userId).delete("/api/v1/nodes/" + nodeId).then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("error", equalTo("insufficient_scope"));
        app(apiKey, userId).get("/api/v1/nodes/" + nodeId).then().statusCode(200);
        String wrongKey = apiKey.substring(0, apiKey.indexOf('.') + 1) + OAuthClient.random();
        app(wrongKey, userId).get("/api/v1/nodes").then().statusCode(401).body("error", equalTo("invalid_client"));

        // 6. Privacy: another user's data is neither the app's (no consent) nor bob's, and bob's is not theirs.
        String carolToken = firstPartyToken(WebUser.random("carol"));
        String carolNode = bearer(carolToken).contentType(ContentType.JSON)
                .body(Map.of("type", "note", "title", "carol's secret"))
                .post("/api/v1/nodes").then().statusCode(201).extract().path("id");
        String carolId = given().baseUri(run.publicUrl).header("Authorization", "Bearer " + carolToken)
                .get("/oauth/userinfo").then().statusCode(200).extract().path("sub");
        app(apiKey, carolId).get("/api/v1/nodes").then().statusCode(403).body("error", equalTo("access_denied"));
        app(apiKey, userId).get("/api/v1/nodes").then().statusCode(200).body("data.id", not(hasItem(carolNode)));
        bearer(carolToken).get("/api/v1/nodes/" + nodeId).then().statusCode(404);
        bearer(carolToken).get("/api/v1/nodes").then().statusCode(200)
                .body("data.id", hasItem(carolNode))
                .body("data.id", not(hasItem(nodeId)));

        // 7. Bob revokes the app on /account: within 5 s the app is refused.
        browser.open(run.publicUrl + "/account");
        assertTrue(browser.visibleText().contains(appName), "/account lists the app: " + browser.visibleText());
        By revoke = By.cssSelector("button[name='revoke'][value='" + clientId + "']");
        assertEquals("Revoke", browser.find(revoke).getText());
        browser.find(revoke).click();
        browser.waitUntil(d -> !browser.has(revoke), "the app to disappear from /account");
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                app(apiKey, userId).get("/api/v1/nodes").then().statusCode(403).body("error", equalTo("access_denied")));
        System.out.printf("[system-tests] revoked third-party app refused after %d ms%n",
                Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        assertFalse(browser.visibleText().contains(appName), "revoked app still listed: " + browser.visibleText());
    }

    @Test
    void handleWhenDashboardOpenedWithoutSessionThenSentToLogin() {
        given().baseUri(run.publicUrl).redirects().follow(false).get("/developer")
                .then().statusCode(303)
                .header("Location", containsString("/login?return_to="))
                .header("Location", anyOf(endsWith("return_to=%2Fdeveloper"), endsWith("return_to=/developer")));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** The label of the checked {@code profile_id} radio on the third-party consent page. */
    private static String selectedProfile() {
        List<WebElement> checked = browser.findAll(By.cssSelector("input[name='profile_id']:checked"));
        if (checked.isEmpty()) {
            return null;
        }
        String id = checked.get(0).getDomAttribute("id");
        return browser.find(By.cssSelector("label[for='" + id + "']")).getText().trim();
    }

    private static WebElement profileRadio(String name) {
        String id = browser.find(By.xpath("//label[normalize-space(text())='" + name + "']")).getDomAttribute("for");
        return browser.find(By.id(id));
    }

    /** A user of the credential API (flow 4), for a first-party token of their own. */
    private static String firstPartyToken(WebUser user) {
        String userKey = given().baseUri(run.publicUrl).contentType(ContentType.JSON)
                .body(Map.of("user_id", user.username(), "user_secret", user.password()))
                .post("/register").then().statusCode(201).extract().path("user_key");
        return given().baseUri(run.publicUrl).contentType(ContentType.JSON)
                .body(Map.of("user_key", userKey, "user_secret", user.password()))
                .post("/authenticate").then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification app(String apiKey, String userId) {
        return given().baseUri(run.publicUrl).header("X-API-Key", apiKey).header("X-User-ID", userId);
    }

    private static RequestSpecification bearer(String token) {
        return given().baseUri(run.publicUrl).header("Authorization", "Bearer " + token);
    }
}
