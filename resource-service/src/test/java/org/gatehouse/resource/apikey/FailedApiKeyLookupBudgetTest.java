package org.gatehouse.resource.apikey;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Unauthenticated lookups amplified: every made-up API-key id costs a call to registration-service and a query there.
 * One IP gets a budget of key ids that name nothing; past it, 429 before any lookup, other IPs unaffected.
 */
@QuarkusTest
@TestProfile(FailedApiKeyLookupBudgetTest.SmallBudget.class)
class FailedApiKeyLookupBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.failed-lookups.capacity", "2", "gatehouse.failed-lookups.period", "PT1H");
        }
    }

    @Test
    void callsWhenOneIpNamesUnknownKeyIdsThen429WhileOtherIpsGoOn() {
        String attacker = "203.0.113.27";
        assertEquals(401, call(attacker, madeUpKey()).statusCode());
        assertEquals(401, call(attacker, madeUpKey()).statusCode());
        Response refused = call(attacker, madeUpKey());
        assertEquals(429, refused.statusCode(), refused.body().asString());
        assertEquals("rate_limited", refused.jsonPath().getString("error"));

        assertEquals(401, call("203.0.113.28", madeUpKey()).statusCode());
    }

    private static String madeUpKey() {
        return "gh_tp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                + ".abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq";
    }

    private static Response call(String ip, String apiKey) {
        return given().header("X-Forwarded-For", ip).header("X-API-Key", apiKey)
                .header("X-User-ID", UUID.randomUUID().toString()).get("/api/v1/nodes");
    }
}
