package org.gatehouse.authorization.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestClients;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unauthenticated lookups amplified: each random {@code client_id} at {@code /oauth/authorize} or
 * {@code /api/v1/authorize} costs a call to registration-service and a query there. One IP gets a budget of lookups
 * that find nothing; past it, its requests are refused with 429 before any sibling call, other IPs unaffected.
 */
@QuarkusTest
@TestProfile(FailedLookupBudgetTest.SmallBudget.class)
class FailedLookupBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.failed-lookups.capacity", "3", "gatehouse.failed-lookups.period", "PT1H");
        }
    }

    @Test
    void authorizeWhenOneIpNamesUnknownClientsThenRefusedWith429WhileOtherIpsGoOn() {
        String attacker = "203.0.113.7";
        for (int i = 0; i < 2; i++) {
            Response unknown = authorize(attacker, "random-" + UUID.randomUUID());
            assertEquals(400, unknown.statusCode(), unknown.body().asString());
            assertTrue(unknown.body().asString().contains("not registered"), unknown.body().asString());
        }
        Response thirdParty = given().header("X-Forwarded-For", attacker).redirects().follow(false)
                .get("/api/v1/authorize?client_id=tp_" + UUID.randomUUID().toString().replace("-", "")
                        + "&redirect_uri=https://x.example/cb");
        assertEquals(400, thirdParty.statusCode(), thirdParty.body().asString());

        Response refused = authorize(attacker, "random-" + UUID.randomUUID());
        assertEquals(429, refused.statusCode(), refused.body().asString());
        assertTrue(refused.body().asString().contains("rate_limited"), refused.body().asString());
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 0, "Retry-After: " + refused.header("Retry-After"));
        // The budget is the caller's: even a real client is not looked up for it until it refills.
        assertEquals(429, authorize(attacker, TestClients.MASTODON).statusCode());

        Response neighbour = authorize("203.0.113.8", "random-" + UUID.randomUUID());
        assertEquals(400, neighbour.statusCode(), neighbour.body().asString());
        Response legitimate = given().header("X-Forwarded-For", "203.0.113.8").redirects().follow(false)
                .urlEncodingEnabled(false).get(Browser.authorizePath("response_type", "code",
                        "client_id", TestClients.WEB, "redirect_uri", TestClients.WEB_CALLBACK));
        assertEquals(302, legitimate.statusCode(), legitimate.body().asString());
        assertTrue(legitimate.header("Location").startsWith("/login?return_to="), legitimate.header("Location"));
    }

    private static Response authorize(String ip, String clientId) {
        return given().header("X-Forwarded-For", ip).redirects().follow(false).urlEncodingEnabled(false)
                .get(Browser.authorizePath("response_type", "code", "client_id", clientId));
    }
}
