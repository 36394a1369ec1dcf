package org.gatehouse.authorization.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.Pkce;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment-wide switch {@code authorization.require-pkce} (RFC 9700 §2.1.1): with it on, a confidential client
 * that registered nothing about PKCE is refused a code without a {@code code_challenge}, and gets one with it.
 */
@QuarkusTest
@TestProfile(RequirePkceForAllTest.PkceForAll.class)
class RequirePkceForAllTest {

    public static class PkceForAll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("authorization.require-pkce", "true");
        }
    }

    @Test
    void handleWhenDeploymentRequiresPkceAndConfidentialClientSendsNoChallengeThenInvalidRequest() {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("pkce-all"));
        String withPkce = Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid",
                "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256");
        assertEquals(303, Flows.approve(browser, withPkce).statusCode());

        Response refused = browser.get(Browser.authorizePath("response_type", "code", "client_id", TestClients.WEB,
                "redirect_uri", TestClients.WEB_CALLBACK, "scope", "openid", "state", "all"));
        assertEquals(302, refused.statusCode(), refused.body().asString());
        Map<String, String> error = Browser.query(refused.header("Location"));
        assertEquals("invalid_request", error.get("error"));
        assertTrue(error.get("error_description").contains("PKCE"), error.get("error_description"));
        assertEquals(null, error.get("code"));

        Response issued = browser.get(withPkce);
        assertEquals(302, issued.statusCode(), issued.body().asString());
        assertNotNull(Browser.query(issued.header("Location")).get("code"));
    }
}
