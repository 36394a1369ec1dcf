package org.gatehouse.resource.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * platform-common's RequestSizeLimits: a request line over {@code quarkus.http.limits.max-initial-line-length}
 * (4096) gets 414 and headers over {@code max-header-size} (16K here) get 431, both with the contract's JSON body
 * instead of the HTTP decoder's empty answer.
 */
@QuarkusTest
class OversizedRequestTest {

    private static Reply get(String query, Map<String, String> headers) {
        return HostileHttp.send(RestAssured.baseURI + ":" + RestAssured.port,
                new Attack("GET", "/api/v1/nodes", query, "", "", headers));
    }

    @Test
    void requestWhenUriTooLongThen414WithJsonError() {
        Reply reply = get("cursor=" + "a".repeat(6_000), Map.of());
        assertEquals(414, reply.status());
        assertTrue(reply.isJsonError(), reply.body());
        assertTrue(reply.body().contains("\"invalid_request\""), reply.body());
    }

    @Test
    void requestWhenHeadersTooLargeThen431WithJsonError() {
        Reply reply = get("", Map.of("X-Padding", "p".repeat(17_000)));
        assertEquals(431, reply.status());
        assertTrue(reply.isJsonError(), reply.body());
        assertTrue(reply.body().contains("\"invalid_request\""), reply.body());
    }

    @Test
    void requestWhenJustUnderLimitsThenReachesTheEndpoint() {
        Reply reply = get("cursor=" + "a".repeat(3_900), Map.of("X-Padding", "p".repeat(15_000)));
        assertEquals(401, reply.status(), "the bearer check answers, not a size limit: " + reply.body());
    }

    @Test
    void requestWhenBeyondDecoderCeilingThenStill414() {
        // Above 4 x the limit the HTTP decoder refuses the request itself: bounded memory, bare status.
        assertEquals(414, get("cursor=" + "a".repeat(20_000), Map.of()).status());
    }
}
