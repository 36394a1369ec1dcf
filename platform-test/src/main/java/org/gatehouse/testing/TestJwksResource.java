package org.gatehouse.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Stands in for token-service in the tests of a service that verifies bearer tokens, over real HTTP:
 * {@code GET /internal/jwks} serves the public half of the test access-token key to a caller presenting a service JWT
 * for token-service (401 otherwise), so Quarkus OIDC fetches and caches it as in production, through
 * platform-common's SiblingJwksAuthorization; {@code GET /internal/revoked-jtis} is the denylist feed platform-common's RevocationPoller reads
 * (polled every second here), refusing a service token not meant for token-service. Tests revoke a token with
 * {@code POST /test/revoke?jti=} at {@code quarkus.rest-client.token.url} (see {@link #revoke}).
 */
public class TestJwksResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code "false"} where another double of the module already stands in for token-service's feed. */
    public static final String DENYLIST_FEED = "denylist-feed";
    /** token-service's sibling JWKS route, {@code quarkus.oidc.jwks-path} of every bearer-verifying service. */
    public static final String JWKS_PATH = "/internal/jwks";
    /** Init arg: {@code "true"} to start with the feed down (see {@link #denylistFeedDown}). */
    public static final String DENYLIST_FEED_STARTS_DOWN = "denylist-feed-starts-down";

    private boolean denylistFeed = true;
    private boolean feedStartsDown;
    private HttpServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        denylistFeed = !"false".equals(initArgs.get(DENYLIST_FEED));
        feedStartsDown = "true".equals(initArgs.get(DENYLIST_FEED_STARTS_DOWN));
    }

    /** Puts {@code jti} on this double's denylist, as a revocation through token-service would. */
    public static void revoke(String jti) {
        RestAssured.given().baseUri(ConfigProvider.getConfig().getValue("quarkus.rest-client.token.url", String.class))
                .post("/test/revoke?jti=" + jti).then().statusCode(204);
    }

    /** Takes the denylist feed down (503, as an unreachable token-service) or brings it back. */
    public static void denylistFeedDown(boolean down) {
        RestAssured.given().baseUri(ConfigProvider.getConfig().getValue("quarkus.rest-client.token.url", String.class))
                .post("/test/revoke?down=" + down).then().statusCode(204);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jwks = jwks();
        server.createContext(JWKS_PATH, exchange -> {
            if (HttpDoubles.audienceIs(exchange, "token-service")) {
                HttpDoubles.respond(exchange, 200, jwks);
            } else {
                HttpDoubles.respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            }
        });
        // Signed UserInfo: what resource-service asks token-service to sign (POST /internal/userinfo-signatures).
        server.createContext("/internal/userinfo-signatures", exchange -> {
            if (!HttpDoubles.audienceIs(exchange, "token-service")) {
                HttpDoubles.respond(exchange, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            jakarta.json.JsonObject request;
            try (var reader = jakarta.json.Json.createReader(exchange.getRequestBody())) {
                request = reader.readObject();
            }
            byte[] jwt = TestTokens.signUserInfo(request.getJsonObject("claims"), request.getString("client_id"),
                    request.getString("alg")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/jwt");
            exchange.sendResponseHeaders(200, jwt.length);
            try (var out = exchange.getResponseBody()) {
                out.write(jwt);
            }
            exchange.close();
        });
        if (denylistFeed) {
            (feedStartsDown ? DenylistFeedDouble.startingDown() : new DenylistFeedDouble()).mount(server, "/test/revoke", exchange -> {
                if (HttpDoubles.audienceIs(exchange, "token-service")) {
                    return true;
                }
                HttpDoubles.respond(exchange, 401, "{\"error\":\"invalid_token\"}");
                return false;
            });
        }
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return denylistFeed ? Map.of("quarkus.oidc.auth-server-url", url, "quarkus.rest-client.token.url", url,
                "gatehouse.revocation-poll-interval", "1s") : Map.of("quarkus.oidc.auth-server-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The JWK Set this double serves: the public half of the test access-token key. */
    public static String jwks() {
        return "{\"keys\":[" + publicJwk() + "]}";
    }

    private static String publicJwk() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(KeyUtils.decodePublicKey(
                    TestTokens.property("gatehouse.test.access-token-public-key"), SignatureAlgorithm.ES256));
            jwk.setKeyId(TestTokens.KEY_ID);
            jwk.setAlgorithm("ES256");
            jwk.setUse("sig");
            return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException("Test JWKS could not be built", e);
        }
    }
}
