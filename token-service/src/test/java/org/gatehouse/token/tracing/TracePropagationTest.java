package org.gatehouse.token.tracing;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.AuditLines;
import org.gatehouse.token.support.AuthorizationDouble;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/) through a code redemption, the slowest path: the trace of
 * the incoming {@code traceparent} is continued, passed on to authorization-service in the redemption's own
 * {@code traceparent} (a new span id: token-service's client span), and named in the service's log lines (MDC
 * {@code traceId}), with no OTLP endpoint configured (spans are not exported, tracing is on).
 */
@QuarkusTest
class TracePropagationTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0([01])");
    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Test
    void tokenWhenCodeRedeemedWithTraceparentThenAuthorizationServiceAndLogLinesGetTheSameTrace() {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(CLIENT).pkce(verifier).mint().code();

        try (AuditLines audit = AuditLines.capture()) {
            OAuthRequests.as(CLIENT, SECRET)
                    .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                    .formParam("grant_type", "authorization_code")
                    .formParam("code", code)
                    .formParam("redirect_uri", TestCodes.REDIRECT_URI)
                    .formParam("code_verifier", verifier)
                    .post("/oauth/token").then().statusCode(200);

            Matcher passedOn = passedOn(code);
            assertEquals(traceId, passedOn.group(1), "the caller's trace continues at authorization-service");
            assertNotEquals(callerSpanId, passedOn.group(2), "token-service's own span is the parent there");
            assertEquals("1", passedOn.group(3), "the caller's sampling decision is kept");
            List<String> issued = audit.of("token.issued");
            assertEquals(1, issued.size(), audit.all());
            assertTrue(issued.get(0).contains("traceId=" + traceId), issued.get(0));
        }
    }

    @Test
    void tokenWhenCodeRedeemedWithoutTraceparentThenATraceBeginsAndIsPassedOn() {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(CLIENT).pkce(verifier).mint().code();

        try (AuditLines audit = AuditLines.capture()) {
            OAuthRequests.exchange(CLIENT, SECRET, code, verifier).then().statusCode(200);

            Matcher passedOn = passedOn(code);
            String traceId = passedOn.group(1);
            assertNotEquals("0".repeat(32), traceId);
            assertEquals("1", passedOn.group(3), "sampled at the default ratio 1.0");
            List<String> issued = audit.of("token.issued");
            assertEquals(1, issued.size(), audit.all());
            assertTrue(issued.get(0).contains("traceId=" + traceId), issued.get(0));
        }
    }

    @Test
    void tokenWhenTraceparentMalformedThenANewTraceBeginsAndTheRequestSucceeds() {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(CLIENT).pkce(verifier).mint().code();
        String forged = "00-" + "0".repeat(32) + "-" + randomHex(8) + "-01";

        OAuthRequests.as(CLIENT, SECRET)
                .header("traceparent", forged)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", TestCodes.REDIRECT_URI)
                .formParam("code_verifier", verifier)
                .post("/oauth/token").then().statusCode(200);

        assertNotEquals("0".repeat(32), passedOn(code).group(1), "an all-zero trace id is invalid (§3.2.2.3)");
    }

    private static Matcher passedOn(String code) {
        String traceparent = AuthorizationDouble.redemptionTraceparent(code);
        assertNotNull(traceparent, "the redemption carried a traceparent");
        Matcher matcher = TRACEPARENT.matcher(traceparent);
        assertTrue(matcher.matches(), traceparent);
        return matcher;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
