package org.gatehouse.token.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.gatehouse.testing.RateLimits;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestAccounts;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Request rate limits (issue 9): the token endpoint per client, {@code /authenticate} per account and per IP, with
 * limits small enough to reach. Over the limit: 429 {@code rate_limited} with {@code Retry-After} and
 * {@code RateLimit-*}; under it, {@code RateLimit-Remaining} counts down; other clients, accounts and IPs go on.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.rate-limit.routes.token-endpoint.capacity", "3",
                    "gatehouse.rate-limit.routes.token-endpoint.period", "1h",
                    "gatehouse.rate-limit.routes.authenticate-account.capacity", "3",
                    "gatehouse.rate-limit.routes.authenticate-account.period", "1h",
                    "gatehouse.rate-limit.routes.authenticate-ip.capacity", "4",
                    "gatehouse.rate-limit.routes.authenticate-ip.period", "1h");
        }
    }

    @Test
    void tokenEndpointWhenClientExceedsLimitThenRateLimitedWhileOtherClientsGoOn() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            clientCredentials(TestClients.BASIC_ID, TestClients.BASIC_SECRET).then()
                    .statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining));
        }

        Response refused = clientCredentials(TestClients.BASIC_ID, TestClients.BASIC_SECRET);

        assertRateLimited(refused, 3);
        clientCredentials(TestClients.SPECIAL_ID, TestClients.SPECIAL_SECRET).then()
                .statusCode(200)
                .header("RateLimit-Remaining", "2");
    }

    @Test
    void tokenEndpointWhenClientSecretWrongThenClientBudgetUntouched() {
        for (int i = 0; i < 5; i++) {
            clientCredentials(TestClients.MASTODON_ID, "not-the-secret").then().statusCode(401);
        }
        clientCredentials(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET).then()
                .statusCode(200)
                .header("RateLimit-Remaining", "2");
    }

    @Test
    void tokenEndpointWhenPublicClientThenBudgetIsPerClientAndIp() {
        // A public client proves nothing: whoever names it spends only the budget of their own address.
        String ip = freshIp();
        for (int i = 0; i < 3; i++) {
            publicClientExchange(ip).then().statusCode(400).body("error", equalTo("invalid_grant"));
        }
        assertRateLimited(publicClientExchange(ip), 3);
        publicClientExchange(freshIp()).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    private static Response publicClientExchange(String ip) {
        return given().header("X-Forwarded-For", ip)
                .formParam("client_id", TestClients.PUBLIC_ID)
                .formParam("grant_type", "authorization_code")
                .formParam("code", "no-such-code")
                .formParam("redirect_uri", "https://public.example/cb")
                .formParam("code_verifier", "v".repeat(43))
                .post("/oauth/token");
    }

    @Test
    void authenticateWhenAccountExceedsLimitThenRateLimitedFromEveryIp() {
        TestAccounts alice = TestAccounts.ALICE;
        for (int remaining = 2; remaining >= 0; remaining--) {
            authenticate(freshIp(), alice).then()
                    .statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining));
        }

        assertRateLimited(authenticate(freshIp(), alice), 3);
        authenticate(freshIp(), TestAccounts.BOB).then().statusCode(200);
    }

    @Test
    void authenticateWhenIpExceedsLimitThenRateLimitedForEveryAccount() {
        String ip = freshIp();
        for (int i = 0; i < 4; i++) {
            given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                    .body("{\"user_key\":\"uk_nobody_" + RANDOM.nextInt(1_000_000) + "\",\"user_secret\":\"x\"}")
                    .post("/authenticate").then().statusCode(401);
        }

        assertRateLimited(authenticate(ip, TestAccounts.BOB), 4);
        authenticate(freshIp(), TestAccounts.BOB).then().statusCode(200);
    }

    /** Refused by the rate limiter of a {@code limit}-an-hour route: the next request within an hour / limit. */
    private static void assertRateLimited(Response refused, long limit) {
        RateLimits.assertRateLimited(refused, limit, Duration.ofHours(1).dividedBy(limit));
        refused.then().body("error_description", startsWith("Too many requests"));
    }

    private static Response clientCredentials(String clientId, String secret) {
        return OAuthRequests.as(clientId, secret).formParam("grant_type", "client_credentials").post("/oauth/token");
    }

    private static Response authenticate(String ip, TestAccounts account) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body("{\"user_key\":\"" + account.userKey() + "\",\"user_secret\":\"" + account.secret() + "\"}")
                .post("/authenticate");
    }

    /** A documentation-range address no other test uses. */
    private static String freshIp() {
        return RateLimits.freshIp("2001:db8:9::");
    }
}
