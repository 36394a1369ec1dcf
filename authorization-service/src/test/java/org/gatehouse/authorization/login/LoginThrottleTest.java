package org.gatehouse.authorization.login;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request limits in front of {@code POST /login} (30 per account and 300 per IP a minute in production; 3 and 5
 * here): a burst is refused with 429 before registration-service is asked, so it costs no password hashing and no
 * sibling call. Failed attempts themselves are counted in registration-service, per account and per the client IP
 * this service sends with each check. The IP is the one the trusted proxy (loopback here) forwards.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.SmallLimits.class)
class LoginThrottleTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.rate-limit.routes.login-account.capacity", "3",
                    "gatehouse.rate-limit.routes.login-ip.capacity", "5");
        }
    }

    /**
     * "The login throttle races": nothing bounded concurrent {@code POST /login}, so a burst of wrong passwords for
     * one account reached registration-service's few hashing slots and denied sign-in to everyone else. Requests for
     * one account beyond its limit, however its name is typed, are now refused here before any password check.
     */
    @Test
    void submitWhenOneAccountExceedsItsRequestLimitThen429BeforeAnyPasswordCheck() {
        String address = TestAccounts.fresh("burst") + "@example.com";
        String ip = "198.51.100.21";
        String[] typed = {address, address.toUpperCase(), " " + fullwidth(address)};
        for (int i = 0; i < typed.length; i++) {
            assertEquals(200, login(ip, typed[i], "wrong-" + i).statusCode(), "attempt " + i + " is checked");
        }
        Response refused = login(ip, address, TestAccounts.PASSWORD);
        assertEquals(429, refused.statusCode());
        assertEquals("3", refused.header("RateLimit-Limit"));
        assertEquals("0", refused.header("RateLimit-Remaining"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertNull(refused.header("Location"), "no session");
        assertTrue(refused.body().asString().contains("Too many sign-in attempts"));
        int checks = 0;
        for (String name : List.of(address, address.toUpperCase(), fullwidth(address))) {
            checks += SiblingServicesResource.passwordChecks(name).size();
        }
        assertEquals(3, checks, "the refused attempt never reached registration-service");
    }

    /** Password spraying from one address: refused for that address, while the same account signs in elsewhere. */
    @Test
    void submitWhenOneIpExceedsItsRequestLimitThen429ForThatIpWhileOtherIpsSignIn() {
        String attacker = "203.0.113.66";
        for (int i = 0; i < 5; i++) {
            assertEquals(200, login(attacker, TestAccounts.fresh("spray" + i), "wrong-" + i).statusCode());
        }
        String target = TestAccounts.fresh("target");
        Response refused = login(attacker, target, TestAccounts.PASSWORD);
        assertEquals(429, refused.statusCode());
        assertNotNull(refused.header("Retry-After"));
        assertEquals("5", refused.header("RateLimit-Limit"));
        assertTrue(SiblingServicesResource.passwordChecks(target).isEmpty(), "refused before any password check");

        assertEquals(303, login("198.51.100.7", target, TestAccounts.PASSWORD).statusCode(),
                "the account itself is not locked");
    }

    /** registration-service counts failures per IP too: it is told the address the sign-in came from. */
    @Test
    void submitWhenSignedInThenThePasswordCheckNamesTheClientIp() {
        String username = TestAccounts.fresh("ip");
        assertEquals(303, login("192.0.2.44", username, TestAccounts.PASSWORD).statusCode());
        assertEquals(List.of("192.0.2.44"), SiblingServicesResource.passwordChecks(username));
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

    /** The fullwidth form (U+FF01..U+FF5E) of every printable ASCII character, which NFKC maps back. */
    private static String fullwidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return wide.toString();
    }
}
