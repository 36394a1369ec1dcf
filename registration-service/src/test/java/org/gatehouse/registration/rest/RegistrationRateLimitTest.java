package org.gatehouse.registration.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registration is limited per client IP (issue 9): {@code /api/v1/apps}, {@code /oauth/register}, {@code /register}
 * and {@code /signup} draw on one budget per address, named by the trusted edge's {@code X-Forwarded-For}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@TestProfile(RegistrationRateLimitTest.SmallLimit.class)
class RegistrationRateLimitTest {

    static final SecureRandom RANDOM = new SecureRandom();

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.rate-limit.routes.registration-ip.capacity", "4",
                    "gatehouse.rate-limit.routes.registration-ip.period", "1h");
        }
    }

    @Test
    void registerWhenOneIpExceedsLimitAcrossRoutesThenRateLimitedWhileOtherIpsGoOn() {
        String ip = freshIp();
        mastodonApp(from(ip)).then().statusCode(200)
                .header("RateLimit-Limit", "4").header("RateLimit-Remaining", "3");
        from(ip).contentType(ContentType.JSON).body(TestDynamicClients.body()).post("/oauth/register").then()
                .statusCode(201).header("RateLimit-Remaining", "2");
        from(ip).contentType(ContentType.JSON)
                .body(Map.of("user_id", TestAccounts.uniqueUsername("rl"), "user_secret", "violet-harbour-lantern-42"))
                .post("/register").then()
                .statusCode(201).header("RateLimit-Remaining", "1");
        mastodonApp(from(ip)).then().statusCode(200).header("RateLimit-Remaining", "0");

        assertRateLimited(mastodonApp(from(ip)));
        assertRateLimited(from(ip).contentType(ContentType.JSON)
                .body(Map.of("user_id", TestAccounts.uniqueUsername("rl"), "user_secret", "violet-harbour-lantern-42"))
                .post("/register"));
        mastodonApp(from(freshIp())).then().statusCode(200).header("RateLimit-Remaining", "3");
    }

    @Test
    void readWhenNotARegistrationThenNotCounted() {
        String ip = freshIp();
        for (int i = 0; i < 6; i++) {
            from(ip).get("/signup").then().statusCode(200);
        }
        mastodonApp(from(ip)).then().statusCode(200).header("RateLimit-Remaining", "3");
    }

    static void assertRateLimited(Response refused) {
        refused.then()
                .statusCode(429)
                .contentType(ContentType.JSON)
                .body("error", equalTo("rate_limited"))
                .header("RateLimit-Limit", "4")
                .header("RateLimit-Remaining", "0");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // Refilled at 4 an hour: the next one within 15 minutes.
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertEquals(refused.header("Retry-After"), refused.header("RateLimit-Reset"));
    }

    static Response mastodonApp(RequestSpecification request) {
        return request.contentType(ContentType.JSON)
                .body(Map.of("client_name", "Tusky", "redirect_uris", "https://tusky.example/cb"))
                .post("/api/v1/apps");
    }

    private static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip);
    }

    private static String freshIp() {
        return "2001:db8:7::" + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":" + Integer.toHexString(RANDOM.nextInt(0xffff));
    }
}
