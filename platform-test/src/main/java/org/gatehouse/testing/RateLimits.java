package org.gatehouse.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.security.SecureRandom;
import java.time.Duration;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers for the services' rate limits (ARCHITECTURE.md "Errors, limits, transport"). */
public final class RateLimits {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RateLimits() {
    }

    /**
     * A refusal as every limit answers it: 429 {@code rate_limited} in the JSON error body, not stored, with
     * {@code RateLimit-Limit}, {@code RateLimit-Remaining: 0}, and a {@code Retry-After} (equal to
     * {@code RateLimit-Reset}) of at most {@code maxRetryAfter}.
     */
    public static void assertRateLimited(Response refused, long limit, Duration maxRetryAfter) {
        refused.then()
                .statusCode(429)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("rate_limited"))
                .header("RateLimit-Limit", Long.toString(limit))
                .header("RateLimit-Remaining", "0");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= maxRetryAfter.toSeconds(), "Retry-After " + retryAfter);
        assertEquals(refused.header("Retry-After"), refused.header("RateLimit-Reset"));
    }

    /**
     * A random IPv6 address under {@code prefix} (in the documentation range 2001:db8::/32, such as
     * {@code "2001:db8:7::"}), so a test's per-IP budget is its own: each test class has a prefix of its own.
     */
    public static String freshIp(String prefix) {
        return prefix + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":" + Integer.toHexString(RANDOM.nextInt(0xffff));
    }
}
