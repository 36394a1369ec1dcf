package org.gatehouse.resource.bearer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

/**
 * Resource-service while token-service is down: bearer tokens keep verifying locally from the cached JWKS (no call
 * per request, ARCHITECTURE.md "Tokens and keys"), and once token-service is back a token signed by a newly
 * published key verifies without restarting resource-service (the JWKS is fetched again for the unknown kid).
 */
@QuarkusTest
@TestProfile(TokenServiceOutageTest.OnlyTokenService.class)
class TokenServiceOutageTest {

    public static class OnlyTokenService implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedPostgresResource.class),
                    new TestResourceEntry(StoppableTokenService.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void nodesWhenTokenServiceDownThenTokensStillVerifyAndNewKeyAcceptedAfterRecovery() throws Exception {
        String owner = UUID.randomUUID().toString();
        given().auth().oauth2(token(owner)).get("/api/v1/nodes").then().statusCode(200);

        StoppableTokenService.down = true;
        try {
            // The denylist poller (every 2 s) finds token-service gone before any token is checked.
            await().atMost(Duration.ofSeconds(15)).until(() -> StoppableTokenService.REFUSED.get() > 0);
            int jwksFetchesBefore = StoppableTokenService.JWKS_FETCHES.get();
            for (int i = 0; i < 5; i++) {
                // A fresh token each time: none is answered from the verified-token cache.
                given().auth().oauth2(token(owner)).get("/api/v1/nodes").then().statusCode(200);
            }
            given().auth().oauth2(token(owner)).contentType("application/json")
                    .body("{\"type\":\"note\",\"title\":\"written during the outage\"}")
                    .post("/api/v1/nodes").then().statusCode(201);
            assertEquals(jwksFetchesBefore, StoppableTokenService.JWKS_FETCHES.get(), "no JWKS call per request");
        } finally {
            StoppableTokenService.down = false;
        }

        // token-service is back and has rotated: a key resource-service has never seen signs new tokens.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair rotated = generator.generateKeyPair();
        StoppableTokenService.publish(StoppableTokenService.jwk(rotated.getPublic(), "rotated-key"));
        String signedByNewKey = TestTokens.accessToken(owner, "gatehouse", "read write").jws().keyId("rotated-key")
                .header("typ", "at+jwt").algorithm(SignatureAlgorithm.ES256).sign(rotated.getPrivate());
        given().auth().oauth2(signedByNewKey).get("/api/v1/nodes").then().statusCode(200);
        given().auth().oauth2(token(owner)).get("/api/v1/nodes").then().statusCode(200);
    }

    private static String token(String owner) {
        return TestTokens.sign(TestTokens.accessToken(owner, "gatehouse", "read write"));
    }

    /**
     * token-service's JWKS and denylist feed over real HTTP; while {@link #down} every connection is dropped
     * without an answer, as when the process is gone.
     */
    public static class StoppableTokenService implements QuarkusTestResourceLifecycleManager {

        static volatile boolean down;
        static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
        static final AtomicInteger REFUSED = new AtomicInteger();
        private static final List<String> KEYS = new CopyOnWriteArrayList<>();
        private HttpServer server;

        static void publish(String jwk) {
            KEYS.add(jwk);
        }

        @Override
        public Map<String, String> start() {
            KEYS.clear();
            KEYS.add(jwk(testPublicKey(), TestTokens.KEY_ID));
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext(TestJwksResource.JWKS_PATH, exchange -> {
                if (dropped(exchange)) {
                    return;
                }
                JWKS_FETCHES.incrementAndGet();
                respond(exchange, "{\"keys\":[" + String.join(",", KEYS) + "]}");
            });
            server.createContext("/internal/revoked-jtis", exchange -> {
                if (!dropped(exchange)) {
                    respond(exchange, "{\"jtis\":[],\"now\":" + System.currentTimeMillis() + "}");
                }
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("quarkus.oidc.auth-server-url", url, "quarkus.rest-client.token.url", url);
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }

        private static boolean dropped(HttpExchange exchange) {
            if (down) {
                REFUSED.incrementAndGet();
                exchange.close();
            }
            return down;
        }

        private static void respond(HttpExchange exchange, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        static String jwk(PublicKey key, String kid) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
                jwk.setKeyId(kid);
                jwk.setAlgorithm("ES256");
                jwk.setUse("sig");
                return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static PublicKey testPublicKey() {
            try (InputStream in = TestTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return KeyUtils.decodePublicKey(properties.getProperty("gatehouse.test.access-token-public-key"),
                        SignatureAlgorithm.ES256);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
