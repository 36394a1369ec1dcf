package org.gatehouse.authorization.rest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.authorization.consent.ConsentService;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.authorization.testing.ThirdPartyPages;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/v1/authorizations}: the user's OAuth consents and third-party grants, and their revocation. */
@QuarkusTest
class AuthorizationResourceTest {

    private static final String AUTHORIZATIONS = "/api/v1/authorizations";

    @Inject
    ConsentService consents;

    @Test
    void handleWhenUserAuthorizedTwoAppsThenBothListedAndDeleteRevokesConsentGrantAndTokens() {
        String username = TestAccounts.fresh("authz");
        String bearer = FirstPartyTokens.bearerFor(username);
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, Flows.approve(browser, Browser.authorizePath("response_type", "code",
                "client_id", TestClients.SINGLE, "redirect_uri", TestClients.SINGLE_CALLBACK, "scope", "read")).statusCode());
        assertEquals(303, ThirdPartyPages.approveWith(browser, "Everything").statusCode());

        given().header("Authorization", bearer).get(AUTHORIZATIONS).then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.client_id == 'single-app' }.client_name", equalTo("Single Example"))
                .body("find { it.client_id == 'single-app' }.type", equalTo("oauth"))
                .body("find { it.client_id == 'single-app' }.scopes", equalTo(List.of("read")))
                .body("find { it.client_id == 'single-app' }.profile_id", nullValue())
                .body("find { it.client_id == 'single-app' }.granted_at", notNullValue())
                .body("find { it.client_id == 'tp_fixture' }.client_name", equalTo("Fixture Notes"))
                .body("find { it.client_id == 'tp_fixture' }.type", equalTo("third_party"))
                .body("find { it.client_id == 'tp_fixture' }.profile_name", equalTo("Everything"))
                .body("find { it.client_id == 'tp_fixture' }.profile_id", notNullValue())
                .body("find { it.client_id == 'tp_fixture' }.permissions", hasSize(9));

        given().header("Authorization", bearer).delete(AUTHORIZATIONS + "/" + TestClients.THIRD_PARTY)
                .then().statusCode(204);
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "authorization-service"))
                .queryParam("client_id", TestClients.THIRD_PARTY).queryParam("user_id", TestAccounts.idOf(username))
                .get("/internal/grants").then().statusCode(404);
        given().header("Authorization", bearer).delete(AUTHORIZATIONS + "/" + TestClients.SINGLE).then().statusCode(204);
        assertTrue(revocations().contains(TestAccounts.idOf(username) + " " + TestClients.THIRD_PARTY));
        assertTrue(revocations().contains(TestAccounts.idOf(username) + " " + TestClients.SINGLE));

        given().header("Authorization", bearer).get(AUTHORIZATIONS).then().statusCode(200).body("", hasSize(0));
        given().header("Authorization", bearer).delete(AUTHORIZATIONS + "/" + TestClients.SINGLE).then()
                .statusCode(404).body("error", equalTo("not_found"));
        // With the consent gone, the next OAuth authorization asks again.
        assertEquals(200, browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.SINGLE,
                "redirect_uri", TestClients.SINGLE_CALLBACK, "scope", "read")).statusCode());
    }

    /**
     * Before /oauth/authorize refused third-party apps, approving one there stored an OAuth consent beside its
     * exposure-profile grant, and the app was listed twice. Such a leftover is not listed, and goes with the grant.
     */
    @Test
    void handleWhenThirdPartyAppHasALeftoverOauthConsentThenListedOnceAndRevokedTogether() {
        String username = TestAccounts.fresh("leftover");
        String bearer = FirstPartyTokens.bearerFor(username);
        Browser browser = new Browser();
        browser.loginOrFail(username);
        assertEquals(303, ThirdPartyPages.approveWith(browser, "Everything").statusCode());
        consents.grant(TestAccounts.idOf(username), TestClients.THIRD_PARTY, Set.of("read:nodes"));

        given().header("Authorization", bearer).get(AUTHORIZATIONS).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].client_id", equalTo(TestClients.THIRD_PARTY))
                .body("[0].type", equalTo("third_party"));
        assertEquals(1, countOccurrences(browser.get("/account").body().asString(), TestClients.THIRD_PARTY_NAME));

        given().header("Authorization", bearer).delete(AUTHORIZATIONS + "/" + TestClients.THIRD_PARTY)
                .then().statusCode(204);
        assertFalse(consents.hasApproved(TestAccounts.idOf(username), TestClients.THIRD_PARTY));
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void handleWhenNothingAuthorizedThenEmptyListAndDeleteNotFound() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("authz-none"));
        given().header("Authorization", bearer).get(AUTHORIZATIONS).then().statusCode(200).body("", hasSize(0));
        given().header("Authorization", bearer).delete(AUTHORIZATIONS + "/tp_unknown").then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenOtherUserDeletesThenNotFoundAndGrantKept() {
        String owner = TestAccounts.fresh("authz-owner");
        Browser browser = new Browser();
        browser.loginOrFail(owner);
        assertEquals(303, ThirdPartyPages.approveWith(browser, "Everything").statusCode());

        given().header("Authorization", FirstPartyTokens.bearerFor(TestAccounts.fresh("authz-other")))
                .delete(AUTHORIZATIONS + "/" + TestClients.THIRD_PARTY).then().statusCode(404);
        given().header("Authorization", FirstPartyTokens.bearerFor(owner)).get(AUTHORIZATIONS).then()
                .body("client_id", equalTo(List.of(TestClients.THIRD_PARTY)));
    }

    @Test
    void handleWhenTokenMissingOrNotFirstPartyThenRefused() {
        given().get(AUTHORIZATIONS).then().statusCode(401).body("error", equalTo("invalid_token"));
        given().delete(AUTHORIZATIONS + "/" + TestClients.THIRD_PARTY).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        String user = TestAccounts.fresh("authz-app");
        given().header("Authorization", FirstPartyTokens.appBearerFor(user, TestClients.WEB)).get(AUTHORIZATIONS)
                .then().statusCode(403).body("error", equalTo("access_denied"));
        given().header("Authorization", FirstPartyTokens.appBearerFor(user, TestClients.WEB))
                .delete(AUTHORIZATIONS + "/" + TestClients.WEB).then().statusCode(403)
                .body("error", equalTo("access_denied"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> revocations() {
        String tokenDouble = ConfigProvider.getConfig().getValue(SiblingServicesResource.TOKEN_URL_PROPERTY, String.class);
        return given().get(tokenDouble + "/test/revocations").then().statusCode(200).extract().as(List.class);
    }
}
