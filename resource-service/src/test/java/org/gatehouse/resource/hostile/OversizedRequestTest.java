package org.gatehouse.resource.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * platform-common's RequestSizeLimits: a request line over {@code quarkus.http.limits.max-initial-line-length}
 * (4096) gets 414 and headers over {@code max-header-size} (16K here) get 431, both with the contract's JSON body
 * instead of the HTTP decoder's empty answer; a declared body over {@code max-body-size} (64K) gets 413, which the
 * client can read even while it is still sending that body.
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
    void postWhenBodyTooLargeAndStillArrivingThenClientReads413() throws Exception {
        // The answer goes out as soon as the headers declare too much; the body arrives after it. Closing at once
        // would meet that body with RST, which destroys the unread 413 on the client's side.
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            int declared = 200_000;
            out.write(("POST /api/v1/nodes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            byte[] chunk = new byte[8_192];
            for (int sent = 0; sent < declared; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, declared - sent));
            }
            out.flush();
            Thread.sleep(300);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"error\":\"payload_too_large\""), answer);
        }
    }

    @Test
    void requestWhenBeyondDecoderCeilingThenStill414() {
        // Above 4 x the limit the HTTP decoder refuses the request itself: bounded memory, bare status.
        assertEquals(414, get("cursor=" + "a".repeat(20_000), Map.of()).status());
    }
}
