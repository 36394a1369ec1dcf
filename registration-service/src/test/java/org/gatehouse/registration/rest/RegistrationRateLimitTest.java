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
import org.gatehouse.testing.RateLimits;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Registration is limited per client IP (issue 9): {@code /api/v1/apps}, {@code /oauth/register}, {@code /register}
 * and {@code /signup} draw on one budget per address, named by the trusted edge's {@code X-Forwarded-For}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@TestProfile(RegistrationRateLimitTest.SmallLimit.class)
class RegistrationRateLimitTest {

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
        // Refilled at 4 an hour: the next one within 15 minutes.
        RateLimits.assertRateLimited(refused, 4, Duration.ofMinutes(15));
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
        return RateLimits.freshIp("2001:db8:7::");
    }
}
