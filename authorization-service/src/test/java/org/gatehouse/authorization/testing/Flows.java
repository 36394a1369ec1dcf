package org.gatehouse.authorization.testing;

import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-step flows several tests need. */
public final class Flows {

    private Flows() {
    }

    /** Submits the consent form of {@code consentPage} with the given decision. */
    public static Response decide(Browser browser, Response consentPage, String decision) {
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(consentPage.body().asString()));
        form.put("decision", decision);
        return browser.post("/consent", form);
    }

    /** A new user signs in and approves {@code authorizePath}; returns the final redirect to the client. */
    public static Response approveAsNewUser(String authorizePath) {
        Browser browser = new Browser();
        browser.loginOrFail(TestAccounts.fresh("flow"));
        return approve(browser, authorizePath);
    }

    public static Response approve(Browser browser, String authorizePath) {
        Response page = browser.get(authorizePath);
        if (page.statusCode() != 200) {
            return page;
        }
        assertTrue(page.body().asString().contains("value=\"approve\""), "consent page expected");
        return decide(browser, page, "approve");
    }

    /** A fresh code for the web app (confidential, with state and PKCE), issued to a new user. */
    public static String webAppCode(Pkce pkce) {
        Response redirect = approveAsNewUser(Browser.authorizePath("response_type", "code",
                "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK, "scope", "read profile",
                "state", "s1", "nonce", "n-1", "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        assertEquals(303, redirect.statusCode());
        String code = Browser.query(redirect.header("Location")).get("code");
        assertNotNull(code);
        return code;
    }
}
