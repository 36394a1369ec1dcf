package org.gatehouse.token.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unauthenticated lookups amplified: every random {@code client_id} at the token endpoint costs a call to
 * registration-service before any credential is checked. One IP gets a budget of failed client authentications
 * (unknown client and wrong secret alike, so the budget does not tell which ids exist); past it, 429 before any lookup,
 * while other IPs go on.
 */
@QuarkusTest
@TestProfile(FailedClientAuthenticationBudgetTest.SmallBudget.class)
class FailedClientAuthenticationBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.failed-lookups.capacity", "3", "gatehouse.failed-lookups.period", "PT1H");
        }
    }

    @Test
    void tokenWhenOneIpFailsClientAuthenticationRepeatedlyThen429WhileOtherIpsGoOn() {
        String attacker = "203.0.113.17";
        assertEquals(401, token(attacker, "random-" + UUID.randomUUID(), "secret").statusCode());
        assertEquals(401, token(attacker, "random-" + UUID.randomUUID(), "secret").statusCode());
        assertEquals(401, token(attacker, TestClients.BASIC_ID, "not-the-secret").statusCode());

        Response refused = token(attacker, TestClients.BASIC_ID, TestClients.BASIC_SECRET);
        assertEquals(429, refused.statusCode(), refused.body().asString());
        assertEquals("rate_limited", refused.jsonPath().getString("error"));
        assertNotNull(refused.header("Retry-After"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 0);

        Response other = token("203.0.113.18", TestClients.BASIC_ID, TestClients.BASIC_SECRET);
        assertEquals(200, other.statusCode(), other.body().asString());
    }

    private static Response token(String ip, String clientId, String secret) {
        return given().header("X-Forwarded-For", ip)
                .header("Authorization", TokenEndpointTest.basic(clientId, secret))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token");
    }
}
