package org.gatehouse.token.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestAssertions;
import org.gatehouse.token.support.TestClients;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code private_key_jwt} client's {@code jwks_uri} that answers 200 and then trickles its body one byte every two
 * seconds (slowloris against the token endpoint): the fetch has a hard deadline on connect, headers and body together,
 * no lock is held while it runs, waiters give up at the deadline, and a failed URI is not fetched again at once.
 *
 * <p>The worker pool is lowered to 16 threads here, so that 20 junk requests stand for the ~250 that would hold every
 * one of production's 200 workers: without the deadline they block the pool and every other client with it.
 */
@QuarkusTest
@TestProfile(ClientJwksGatewayTest.SmallWorkerPool.class)
class ClientJwksGatewayTest {

    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Generous: the deadline, plus the negative cache answering whoever queued behind the waiters, plus a slow CI. */
    static final Duration BOUND = DEADLINE.multipliedBy(4);
    static final int JUNK_REQUESTS = 20;

    public static class SmallWorkerPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", "16",
                    "token.client-jwks.fetch-timeout", "PT2S");
        }
    }

    @ConfigProperty(name = "quarkus.rest-client.registration.url")
    String registrationUrl;

    @TestHTTPResource("/oauth/token")
    URI tokenEndpoint;

    @Inject
    MeterRegistry meters;

    private HttpServer trickler;
    private ExecutorService tricklerThreads;
    private final AtomicInteger trickleConnections = new AtomicInteger();
    private final AtomicInteger abortedByPeer = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PublicJsonWebKey attackerKey = ecKey();

    @BeforeEach
    void startTrickler() throws IOException {
        trickler = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tricklerThreads = Executors.newCachedThreadPool();
        trickler.setExecutor(tricklerThreads);
        trickler.createContext("/", exchange -> {
            trickleConnections.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    body.write(i == 0 ? '{' : ' ');
                    body.flush();
                    Thread.sleep(2000);
                }
            } catch (IOException e) {
                abortedByPeer.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        trickler.createContext("/missing", exchange -> answer(exchange, 404, "{}"));
        trickler.createContext("/garbage", exchange -> answer(exchange, 200, "{\"keys\": \"not a key set\""));
        trickler.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stopTrickler() {
        trickler.stop(0);
        tricklerThreads.shutdownNow();
    }

    @Test
    void keysWhenJwksUriTricklesItsBodyThenAssertionsRefusedWithinTheDeadlineAndOtherClientsServed()
            throws Exception {
        String clientId = "slowloris-" + System.nanoTime();
        register(clientId, "http://127.0.0.1:" + trickler.getAddress().getPort() + "/jwks");
        ExecutorService attackers = Executors.newFixedThreadPool(JUNK_REQUESTS + 1);
        Timed baseline = ordinaryClientCredentials();
        assertEquals(200, baseline.status, baseline.body);
        double timeoutsBefore = failures("timeout");
        try {
            // Wave 1: the first fetch is in progress while the junk requests pile up behind it.
            List<CompletableFuture<Timed>> junk = junk(clientId, attackers);
            Thread.sleep(300);
            Timed ordinary = ordinaryClientCredentials();
            assertEquals(200, ordinary.status, "an ordinary client is served during the attack: " + ordinary.body);
            Duration slowestJunk = Duration.ZERO;
            for (CompletableFuture<Timed> each : junk) {
                Timed refused = each.get(BOUND.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                assertEquals(401, refused.status, refused.body);
                assertTrue(refused.body.contains("\"invalid_client\""), refused.body);
                assertTrue(refused.elapsed.compareTo(BOUND) < 0, "refused within the bound, took " + refused.elapsed);
                slowestJunk = refused.elapsed.compareTo(slowestJunk) > 0 ? refused.elapsed : slowestJunk;
            }

            // Wave 2, the trickle still going: the failed URI is not fetched again, so nobody waits on it.
            List<CompletableFuture<Timed>> again = junk(clientId, attackers);
            Timed during = ordinaryClientCredentials();
            assertEquals(200, during.status, during.body);
            for (CompletableFuture<Timed> each : again) {
                Timed refused = each.get(BOUND.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                assertEquals(401, refused.status, refused.body);
                assertTrue(refused.elapsed.compareTo(BOUND) < 0, "refused within the bound, took " + refused.elapsed);
            }
            System.out.printf("jwks_uri trickle attack: ordinary client_credentials answered in %d ms before the "
                            + "attack, %d ms while %d junk requests held the 16 workers waiting on the first fetch "
                            + "(slowest junk refusal %d ms), %d ms during the next wave; %d fetch(es) of the "
                            + "trickling URI%n", baseline.elapsed.toMillis(), ordinary.elapsed.toMillis(),
                    JUNK_REQUESTS, slowestJunk.toMillis(), during.elapsed.toMillis(), trickleConnections.get());
            assertEquals(1, trickleConnections.get(), "one fetch for the burst, none during the negative cache");

            // The abandoned fetch does not linger: its connection is closed, so the trickle's next write fails.
            long until = System.nanoTime() + BOUND.toNanos() * 2;
            while (abortedByPeer.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(1, abortedByPeer.get(), "the trickling connection is closed by token-service");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertEquals(timeoutsBefore + 1, failures("timeout"), "the one fetch is counted as timed out"));
        } finally {
            attackers.shutdownNow();
        }
    }

    /** An SRE sees a client's broken jwks_uri by reason: the answer's status, or a body that is no JWK Set. */
    @Test
    void keysWhenJwksUriAnswers404OrNoKeySetThenAssertionRefusedAndFailureCountedByReason() throws Exception {
        String base = "http://127.0.0.1:" + trickler.getAddress().getPort();
        double status = failures("status");
        double invalid = failures("invalid");
        for (String path : List.of("/missing", "/garbage")) {
            String clientId = "broken-jwks-" + System.nanoTime();
            register(clientId, base + path);
            Timed refused = post(form("grant_type", "client_credentials", "client_assertion_type",
                    TestAssertions.JWT_BEARER, "client_assertion",
                    TestAssertions.forClient(clientId).sign("ES256", attackerKey)), null);
            assertEquals(401, refused.status, refused.body);
        }
        // Counted as the fetch settles, which may be a moment after the refusal it caused.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertEquals(status + 1, failures("status"));
            assertEquals(invalid + 1, failures("invalid"));
        });
    }

    private double failures(String reason) {
        return meters.get(ClientJwksGateway.FAILURES).tag("reason", reason).counter().count();
    }

    private List<CompletableFuture<Timed>> junk(String clientId, ExecutorService attackers) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Timed>> junk = new ArrayList<>();
        for (int i = 0; i < JUNK_REQUESTS; i++) {
            String assertion = TestAssertions.forClient(clientId).sign("ES256", attackerKey);
            junk.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return post(form("grant_type", "client_credentials",
                            "client_assertion_type", TestAssertions.JWT_BEARER, "client_assertion", assertion), null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, attackers));
        }
        start.countDown();
        return junk;
    }

    private Timed ordinaryClientCredentials() throws Exception {
        return post(form("grant_type", "client_credentials"),
                OAuthRequests.basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET));
    }

    /** Over a plain JDK client with its own timeout, so a hung service fails the test instead of hanging it. */
    private Timed post(String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(BOUND.plusSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Timed(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private void register(String clientId, String jwksUri) {
        given().contentType(ContentType.JSON)
                .body(TestClients.client(clientId).methods("private_key_jwt").scopes("read").jwksUri(jwksUri).json())
                .put(registrationUrl + "/_fixture/clients/" + clientId)
                .then().statusCode(204);
    }

    private static PublicJsonWebKey ecKey() {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("attacker-1");
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Timed(int status, String body, Duration elapsed) {
    }
}
