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

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Registration is limited per client IP, named by the trusted edge's {@code X-Forwarded-For}: client registration
 * ({@code /api/v1/apps}, {@code /oauth/register}) and account sign-up ({@code /register}, {@code /signup}) each draw
 * on a budget of their own, so registering apps from an address never uses up its sign-ups.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@TestProfile(RegistrationRateLimitTest.SmallLimit.class)
class RegistrationRateLimitTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.rate-limit.routes.client-registration-ip.capacity", "4",
                    "gatehouse.rate-limit.routes.client-registration-ip.period", "1h",
                    "gatehouse.rate-limit.routes.signup-ip.capacity", "3",
                    "gatehouse.rate-limit.routes.signup-ip.period", "1h");
        }
    }

    @Test
    void registerWhenOneIpExceedsClientRegistrationLimitAcrossRoutesThenRateLimitedWhileOtherIpsGoOn() {
        String ip = freshIp();
        mastodonApp(from(ip)).then().statusCode(200)
                .header("RateLimit-Limit", "4").header("RateLimit-Remaining", "3");
        from(ip).contentType(ContentType.JSON).body(TestDynamicClients.body()).post("/oauth/register").then()
                .statusCode(201).header("RateLimit-Remaining", "2");
        mastodonApp(from(ip)).then().statusCode(200).header("RateLimit-Remaining", "1");
        from(ip).contentType(ContentType.JSON).body(TestDynamicClients.body()).post("/oauth/register").then()
                .statusCode(201).header("RateLimit-Remaining", "0");

        assertRateLimited(mastodonApp(from(ip)), 4);
        assertRateLimited(from(ip).contentType(ContentType.JSON).body(TestDynamicClients.body())
                .post("/oauth/register"), 4);
        mastodonApp(from(freshIp())).then().statusCode(200).header("RateLimit-Remaining", "3");
    }

    @Test
    void registerWhenOneIpExceedsSignupLimitAcrossRoutesThenRateLimited() {
        String ip = freshIp();
        signUp(from(ip)).then().statusCode(201).header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2");
        signUp(from(ip)).then().statusCode(201).header("RateLimit-Remaining", "1");
        signUp(from(ip)).then().statusCode(201).header("RateLimit-Remaining", "0");

        assertRateLimited(signUp(from(ip)), 3);
        assertRateLimited(from(ip).contentType(ContentType.URLENC)
                .formParam("username", TestAccounts.uniqueUsername("rl"))
                .formParam("password", "violet-harbour-lantern-42")
                .post("/signup"), 3);
    }

    /** A shared office address must not lose sign-up because a CI job behind it registered apps. */
    @Test
    void registerWhenClientRegistrationsSpentTheirBudgetThenSignupFromTheSameIpStillAdmitted() {
        String ip = freshIp();
        for (int i = 0; i < 4; i++) {
            mastodonApp(from(ip)).then().statusCode(200);
        }
        assertRateLimited(mastodonApp(from(ip)), 4);

        signUp(from(ip)).then().statusCode(201).header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2");
        // ... and the other way round: sign-ups leave client registration alone.
        String other = freshIp();
        for (int i = 0; i < 3; i++) {
            signUp(from(other)).then().statusCode(201);
        }
        mastodonApp(from(other)).then().statusCode(200).header("RateLimit-Limit", "4")
                .header("RateLimit-Remaining", "3");
    }

    /**
     * Trust boundaries in Kubernetes, forged {@code X-Forwarded-For}: a proxy that appends (AWS ALB, Google's load
     * balancers, ingress-nginx with {@code use-forwarded-headers}) keeps what the client sent on the left and adds the
     * address it saw on the right. Counting the left-most entry let one client pick a new address per request and
     * never meet its limit; the right-most address that is not a trusted proxy's is the one counted.
     */
    @Test
    void registerWhenClientForgesLeftMostForwardedForThenRealClientCounted() {
        String client = freshIp();
        for (int i = 0; i < 4; i++) {
            mastodonApp(from(freshIp() + ", " + client)).then().statusCode(200);
        }
        assertRateLimited(mastodonApp(from(freshIp() + ", " + client)), 4);
        // Through two proxies, the second one (loopback here) trusted: its own entry is skipped.
        assertRateLimited(mastodonApp(from(freshIp() + ", " + client + ", 127.0.0.1")), 4);
    }

    /**
     * Trust boundaries in Kubernetes, private networks trusted wholesale: any pod of the cluster (or the monitoring
     * namespace) could name the client. Only loopback (the local edge) is trusted unless the deployment names its
     * ingress, so a private peer address on the right is itself the client and is counted.
     */
    @Test
    void registerWhenPrivateAddressForwardsForOthersThenPrivateAddressCounted() {
        String pod = "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
        for (int i = 0; i < 4; i++) {
            mastodonApp(from(freshIp() + ", " + pod)).then().statusCode(200);
        }
        assertRateLimited(mastodonApp(from(freshIp() + ", " + pod)), 4);
    }

    @Test
    void readWhenNotARegistrationThenNotCounted() {
        String ip = freshIp();
        for (int i = 0; i < 6; i++) {
            from(ip).get("/signup").then().statusCode(200);
        }
        mastodonApp(from(ip)).then().statusCode(200).header("RateLimit-Remaining", "3");
    }

    static void assertRateLimited(Response refused, int capacity) {
        // Refilled at `capacity` an hour: the next one within an hour / capacity.
        RateLimits.assertRateLimited(refused, capacity, Duration.ofMinutes(60 / capacity));
    }

    static Response signUp(RequestSpecification request) {
        return request.contentType(ContentType.JSON)
                .body(Map.of("user_id", TestAccounts.uniqueUsername("rl"), "user_secret", "violet-harbour-lantern-42"))
                .post("/register");
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
