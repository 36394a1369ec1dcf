package org.gatehouse.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.gatehouse.system.CallbackReceiver.Callback;
import org.gatehouse.system.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/) across the processes of a real local run, in production's
 * log format (JSON lines, the HTTP access log on): an app redeems its authorization code through the edge with a
 * {@code traceparent}, and token-service, authorization-service (which redeems the code) and registration-service
 * (which authenticates the client) each log the request under the caller's trace id, each with a span of its own.
 * No OTLP endpoint is configured: spans are not exported, the trace is still carried and logged.
 */
@PlatformEnvironment({"QUARKUS_LOG_CONSOLE_JSON_ENABLED=true", "QUARKUS_HTTP_ACCESS_LOG_ENABLED=true"})
class TraceContextFlowTest extends BrowserFlowSetUp {

    private static final List<String> TRACED = List.of("token-service", "authorization-service",
            "registration-service");

    @Test
    void tokenWhenCodeRedeemedWithTraceparentThenTokenAuthorizationAndRegistrationLogTheSameTrace() throws Exception {
        WebUser person = WebUser.random("tracer");
        signUpInNewSession(person);
        String redirectUri = callback.uri("/callback");
        Response registered = given().baseUri(run.publicUrl).contentType(ContentType.JSON)
                .body(Map.of("client_name", "Traced " + System.nanoTime(), "redirect_uris", redirectUri,
                        "scopes", "read"))
                .post("/api/v1/apps");
        registered.then().statusCode(200);
        String clientId = registered.path("client_id");
        String clientSecret = registered.path("client_secret");
        Pkce pkce = Pkce.create();
        callback.clear();
        browser.open(run.publicUrl + "/oauth/authorize?" + OAuthClient.query("response_type", "code",
                "client_id", clientId, "redirect_uri", redirectUri, "scope", "read", "state", "st",
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        if ("/login".equals(browser.path())) {
            Pages.logIn(browser, person);
        }
        browser.waitFor(Pages.APPROVE).click();
        Callback answer = callback.next(Duration.ofSeconds(20));
        assertNotNull(answer.param("code"), answer.rawQuery());

        Map<String, Long> before = new LinkedHashMap<>();
        for (String service : TRACED) {
            before.put(service, log(service).toFile().length());
        }
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        given().baseUri(run.publicUrl)
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .header("Authorization", OAuthClient.basic(clientId, clientSecret))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("code", answer.param("code"))
                .formParam("redirect_uri", redirectUri)
                .formParam("code_verifier", pkce.verifier())
                .post("/oauth/token")
                .then().statusCode(200).body("access_token", notNullValue());

        // The console handler writes asynchronously (production's setting): the lines follow within moments.
        Map<String, List<JsonObject>> traced = new LinkedHashMap<>();
        await("a line of the trace in each service's log").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    for (String service : TRACED) {
                        traced.put(service, linesOfTrace(service, before.get(service), traceId));
                    }
                    return traced.values().stream().noneMatch(List::isEmpty);
                });

        Set<String> spanIds = new HashSet<>();
        traced.forEach((service, lines) -> {
            System.out.printf("[system-tests] %s logged trace %s:%n", service, traceId);
            lines.forEach(line -> System.out.println("    " + line.encode()));
            for (JsonObject line : lines) {
                String spanId = line.getJsonObject("mdc").getString("spanId");
                assertTrue(spanId != null && spanId.matches("[0-9a-f]{16}"), line.encode());
                assertFalse(spanId.equals(callerSpanId), "each service logs under a span of its own: " + line);
                spanIds.add(spanId);
            }
        });
        assertTrue(accessLogged(traced.get("token-service"), "POST /oauth/token"), traced.get("token-service").toString());
        traced.values().stream().flatMap(List::stream)
                .filter(line -> "io.quarkus.http.access-log".equals(line.getString("loggerName")))
                .forEach(line -> assertTrue(line.getString("message").matches(".*\" \\d{3} \\d+ \\d+ ms"),
                        "status, bytes and the time taken: " + line.getString("message")));
        assertTrue(accessLogged(traced.get("authorization-service"), "POST /internal/authorization-codes/redeem"),
                traced.get("authorization-service").toString());
        assertTrue(accessLogged(traced.get("registration-service"), "/internal/"),
                traced.get("registration-service").toString());
        assertTrue(spanIds.size() >= TRACED.size(), "a span per service at least: " + spanIds);
    }

    private static boolean accessLogged(List<JsonObject> lines, String requestLine) {
        return lines.stream().anyMatch(line -> "io.quarkus.http.access-log".equals(line.getString("loggerName"))
                && line.getString("message", "").contains(requestLine));
    }

    /** The JSON lines a service logged since {@code from} (bytes) whose MDC names the trace. */
    private static List<JsonObject> linesOfTrace(String service, long from, String traceId) throws IOException {
        List<JsonObject> found = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(log(service).toFile(), "r")) {
            byte[] tail = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("{")) {
                    continue;
                }
                try {
                    JsonObject json = new JsonObject(line);
                    JsonObject mdc = json.getJsonObject("mdc");
                    if (mdc != null && traceId.equals(mdc.getString("traceId"))) {
                        found.add(json);
                    }
                } catch (DecodeException partialLine) {
                    // The last line may still be being written.
                }
            }
        }
        return found;
    }

    private static Path log(String service) {
        return run.workDir.resolve(".local-run/logs/" + service + ".log");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
