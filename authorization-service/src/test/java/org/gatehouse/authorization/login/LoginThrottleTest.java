package org.gatehouse.authorization.login;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-IP half of the login throttle (ARCHITECTURE.md "Throttling defaults"; 100 per IP in production, 5 here):
 * failures spread over many account names from one IP lock that IP out — even for a right password — while the
 * same account still signs in from another IP. The IP is the one the trusted proxy (loopback here) forwards.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.FivePerIp.class)
class LoginThrottleTest {

    public static class FivePerIp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("authorization.login-throttle.max-failures-per-ip", "5");
        }
    }

    @Test
    void loginWhenOneIpFailsAcrossManyAccountsThenThatIpThrottledAndOthersNot() {
        String attacker = "203.0.113.66";
        for (int i = 0; i < 5; i++) {
            Response failed = login(attacker, TestAccounts.fresh("spray" + i), "wrong-" + i);
            assertEquals(200, failed.statusCode(), "failure " + i + " is an ordinary failed login");
        }

        Response throttled = login(attacker, TestAccounts.ALICE, TestAccounts.PASSWORD);
        assertEquals(429, throttled.statusCode());
        assertNotNull(throttled.header("Retry-After"));
        assertTrue(Long.parseLong(throttled.header("Retry-After")) <= 15 * 60);
        assertEquals("5", throttled.header("RateLimit-Limit"));
        assertEquals("0", throttled.header("RateLimit-Remaining"));
        assertEquals(null, throttled.header("Location"), "no session for a throttled IP");

        Response elsewhere = login("198.51.100.7", TestAccounts.ALICE, TestAccounts.PASSWORD);
        assertEquals(303, elsewhere.statusCode(), "the account itself is not locked");
    }

    /** The login form submitted by a browser behind the ingress at {@code ip}. */
    private static Response login(String ip, String username, String password) {
        Response page = given().redirects().follow(false).header("X-Forwarded-For", ip).get("/login");
        assertEquals(200, page.statusCode());
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(page.body().asString()));
        form.put("username", username);
        form.put("password", password);
        return given().redirects().follow(false).header("X-Forwarded-For", ip).cookies(page.cookies())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).post("/login");
    }
}
