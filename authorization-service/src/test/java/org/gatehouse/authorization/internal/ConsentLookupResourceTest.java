package org.gatehouse.authorization.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /internal/consents}: token-service's check, before a refresh, that the user's consent still stands. */
@QuarkusTest
class ConsentLookupResourceTest {

    private static final String AUTHORIZE = Browser.authorizePath("response_type", "code",
            "client_id", TestClients.ACCOUNT_APP, "redirect_uri", TestClients.ACCOUNT_APP_CALLBACK, "scope", "read");

    @Test
    void findWhenConsentGrantedThenScopeAndWhenRevokedThenNotFound() {
        String username = TestAccounts.fresh("consent-lookup");
        String userId = TestAccounts.idOf(username);
        Browser browser = new Browser();
        browser.loginOrFail(username);
        consent(userId, TestClients.ACCOUNT_APP).then().statusCode(404).body("error", equalTo("not_found"));
        assertEquals(303, Flows.approve(browser, AUTHORIZE).statusCode());

        consent(userId, TestClients.ACCOUNT_APP).then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("client_id", equalTo(TestClients.ACCOUNT_APP))
                .body("user_id", equalTo(userId))
                .body("scope", equalTo("read"));
        consent(userId, TestClients.SINGLE).then().statusCode(404);

        Response revoked = browser.post("/account/revoke", Map.of("csrf_token",
                Browser.csrfToken(browser.get("/account").body().asString()), "client_id", TestClients.ACCOUNT_APP));
        assertEquals(303, revoked.statusCode());
        consent(userId, TestClients.ACCOUNT_APP).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void findWhenParameterMissingOrTooLongThenInvalidRequest() {
        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .queryParam("client_id", TestClients.ACCOUNT_APP)
                .get("/internal/consents").then().statusCode(400).body("error", equalTo("invalid_request"));
        consent("u".repeat(256), TestClients.ACCOUNT_APP).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private static Response consent(String userId, String clientId) {
        return given().header("Authorization", TestTokens.serviceAuthorization("token-service", "authorization-service"))
                .queryParam("client_id", clientId).queryParam("user_id", userId)
                .get("/internal/consents");
    }
}
