package org.gatehouse.authorization.audit;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Logins are audited: a counter per outcome on /q/metrics, and never the password in the audit line. */
@QuarkusTest
class AuditEventsTest {

    private static double count(String outcome) {
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("gatehouse_audit_events_total\\{[^}]*event=\"login\"[^}]*outcome=\""
                + outcome + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void loginWhenFailedThenSucceededThenEachOutcomeCounted() {
        double failures = count("failure");
        double successes = count("success");
        String username = TestAccounts.fresh("audit");

        Browser browser = new Browser();
        assertEquals(200, browser.login(username, "wrong-password-here", null).statusCode());
        browser.loginOrFail(username);

        assertEquals(failures + 1, count("failure"));
        assertEquals(successes + 1, count("success"));
    }

    @Test
    void metricsWhenLoginsAuditedThenNoCredentialInLabels() {
        new Browser().login(TestAccounts.fresh("audit2"), "Sup3r-secret-passw0rd", null);
        assertFalse(ManagementInterface.given().get("/q/metrics").asString().contains("Sup3r-secret-passw0rd"));
    }
}
