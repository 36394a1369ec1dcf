package org.gatehouse.resource.apikey;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.RateLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** API-key calls are limited per key (issue 9); a wrong secret does not spend the key's budget. */
@QuarkusTest
@TestProfile(ApiKeyRateLimitTest.SmallLimit.class)
class ApiKeyRateLimitTest {

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.rate-limit.routes.api-key.capacity", "3",
                    "gatehouse.rate-limit.routes.api-key.period", "1h");
        }
    }

    @Test
    void callsWhenKeyExceedsLimitThenRateLimitedWhileAnotherKeyGoesOn() {
        String user = UUID.randomUUID().toString();
        String doubles = ConfigProvider.getConfig().getValue("quarkus.rest-client.authorization.url", String.class);
        RestAssured.given().baseUri(doubles).queryParam("user_id", user).queryParam("permissions", "read:nodes")
                .post("/test/grant").then().statusCode(204);
        String wrongSecret = "gh_tp_" + SiblingDoubles.KEY_ID + ".wrong-wrong-wrong-wrong-wrong-wrong-wrong-w";
        for (int i = 0; i < 5; i++) {
            call(wrongSecret, user).then().statusCode(401);
        }

        for (int remaining = 2; remaining >= 0; remaining--) {
            call(SiblingDoubles.API_KEY, user).then()
                    .statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining));
        }
        Response refused = call(SiblingDoubles.API_KEY, user);

        // Refilled at 3 an hour: the next one within 20 minutes.
        RateLimits.assertRateLimited(refused, 3, Duration.ofMinutes(20));
        call(SiblingDoubles.OTHER_API_KEY, user).then().statusCode(200).header("RateLimit-Remaining", "2");
    }

    private static Response call(String apiKey, String user) {
        return given().header("X-API-Key", apiKey).header("X-User-ID", user).get("/api/v1/nodes");
    }
}
