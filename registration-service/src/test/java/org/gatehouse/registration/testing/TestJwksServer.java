package org.gatehouse.registration.testing;

import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Properties;

/**
 * Stands in for token-service's {@code GET /oauth/jwks}: publishes platform-test's access-token public key
 * (kid {@code test-key}, the kid {@code TestTokens} signs with), so tests verify tokens exactly as production
 * does, by fetching a JWKS.
 */
public final class TestJwksServer implements AutoCloseable {

    public static final String JWKS_PATH = "/oauth/jwks";

    private final int port;
    private HttpServer server;

    public TestJwksServer(int port) {
        this.port = port;
    }

    /** A port nothing listens on yet, so a test can decide when "token-service" comes up. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public TestJwksServer start() {
        byte[] jwks = jwks().getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(JWKS_PATH, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
        return this;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    static String jwks() {
        try {
            PublicKey key = KeyUtils.decodePublicKey(testKeys().getProperty("gatehouse.test.access-token-public-key"),
                    SignatureAlgorithm.ES256);
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId("test-key");
            jwk.setAlgorithm("ES256");
            jwk.setUse("sig");
            return "{\"keys\":[" + jwk.toJson() + "]}";
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the test JWKS", e);
        }
    }

    private static Properties testKeys() throws IOException {
        try (InputStream in = TestJwksServer.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        }
    }
}
