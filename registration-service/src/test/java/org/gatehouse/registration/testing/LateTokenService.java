package org.gatehouse.registration.testing;

import com.sun.net.httpserver.HttpServer;
import org.gatehouse.testing.DenylistFeedDouble;
import org.gatehouse.testing.TestJwksResource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * token-service appearing after this service started, at a port chosen in advance: the JWKS platform-test's
 * {@link TestJwksResource} serves (it picks its own port at start, too early for that test) and the denylist feed.
 */
public final class LateTokenService implements AutoCloseable {

    private final HttpServer server;

    private LateTokenService(HttpServer server) {
        this.server = server;
    }

    /** A port nothing listens on yet, so a test can decide when "token-service" comes up. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LateTokenService startAt(int port) {
        byte[] jwks = TestJwksResource.jwks().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext(TestJwksResource.JWKS_PATH, exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            new DenylistFeedDouble().mount(server, "/test/revoke", exchange -> true);
            server.start();
            return new LateTokenService(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
