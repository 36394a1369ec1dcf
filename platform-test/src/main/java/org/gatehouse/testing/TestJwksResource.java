package org.gatehouse.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for token-service's {@code GET /oauth/jwks} in a resource server's tests: serves the public half
 * of the test access-token key over real HTTP, so Quarkus OIDC fetches and caches it as in production.
 */
public class TestJwksResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = ("{\"keys\":[" + publicJwk() + "]}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
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
