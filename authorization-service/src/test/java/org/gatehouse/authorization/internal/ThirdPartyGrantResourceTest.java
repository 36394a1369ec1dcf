package org.gatehouse.authorization.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.authorization.testing.ThirdPartyPages;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /internal/grants}: what resource-service needs for a third-party app's API-key call. */
@QuarkusTest
class ThirdPartyGrantResourceTest {

    @Test
    void handleWhenGrantedThenProfilesCurrentPermissionsAndEditsApplyImmediately() {
        String username = TestAccounts.fresh("grants");
        String userId = TestAccounts.idOf(username);
        Browser browser = new Browser();
        browser.loginOrFail(username);
        String html = browser.get(ThirdPartyPages.authorizePath(null)).body().asString();
        String custom = browser.get(ThirdPartyPages.submit(browser, html, null, "customize").header("Location"))
                .body().asString();
        String profileId = ThirdPartyPages.selected(custom);
        assertEquals(303, ThirdPartyPages.submit(browser, custom, profileId, "approve").statusCode());

        grant(userId).then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("client_id", equalTo(TestClients.THIRD_PARTY))
                .body("user_id", equalTo(userId))
                .body("profile_id", equalTo(profileId))
                .body("permissions", equalTo(List.of("read:nodes", "write:nodes")));

        // The user narrows the profile: the next lookup already says so.
        given().header("Authorization", FirstPartyTokens.bearerFor(username)).contentType(ContentType.JSON)
                .body(Map.of("name", "Fixture Notes access", "permissions", List.of("read:nodes", "profile")))
                .put("/api/v1/exposure-profiles/" + profileId).then().statusCode(200);
        grant(userId).then().statusCode(200).body("permissions", equalTo(List.of("profile", "read:nodes")));

        // A profile in use cannot be deleted out from under the app.
        given().header("Authorization", FirstPartyTokens.bearerFor(username))
                .delete("/api/v1/exposure-profiles/" + profileId)
                .then().statusCode(409).body("error", equalTo("conflict"));

        String account = browser.get("/account").body().asString();
        Response revoked = browser.post("/account/revoke", Map.of("csrf_token", Browser.csrfToken(account),
                "client_id", TestClients.THIRD_PARTY));
        assertEquals(303, revoked.statusCode());
        grant(userId).then().statusCode(404).body("error", equalTo("not_found"));

        // Revoked, the profile is free again.
        given().header("Authorization", FirstPartyTokens.bearerFor(username))
                .delete("/api/v1/exposure-profiles/" + profileId).then().statusCode(204);
    }

    @Test
    void handleWhenUserNeverAuthorizedAppThenNotFound() {
        grant(TestAccounts.idOf(TestAccounts.fresh("nogrant"))).then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenParameterMissingThenInvalidRequest() {
        given().header("Authorization", service()).queryParam("client_id", TestClients.THIRD_PARTY)
                .get("/internal/grants").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", service()).queryParam("user_id", "u")
                .get("/internal/grants").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenNoServiceTokenOrUserTokenThenInvalidToken() {
        String userId = TestAccounts.idOf(TestAccounts.fresh("grants-auth"));
        given().queryParam("client_id", TestClients.THIRD_PARTY).queryParam("user_id", userId)
                .get("/internal/grants").then().statusCode(401).body("error", equalTo("invalid_token"));
        given().header("Authorization", FirstPartyTokens.bearerFor("user-x"))
                .queryParam("client_id", TestClients.THIRD_PARTY).queryParam("user_id", userId)
                .get("/internal/grants").then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    private static Response grant(String userId) {
        return given().header("Authorization", service())
                .queryParam("client_id", TestClients.THIRD_PARTY).queryParam("user_id", userId)
                .get("/internal/grants");
    }

    private static String service() {
        return TestTokens.serviceAuthorization("resource-service", "authorization-service");
    }
}
