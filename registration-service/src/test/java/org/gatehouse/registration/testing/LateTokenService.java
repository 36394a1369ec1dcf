package org.gatehouse.registration.testing;

import com.sun.net.httpserver.HttpServer;
import org.gatehouse.testing.DenylistFeedDouble;
import org.gatehouse.testing.TestJwksResource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * token-service appearing after this service started, at a port chosen in advance: the JWKS platform-test's
 * {@link TestJwksResource} serves (it picks its own port at start, too early for that test) and the denylist feed,
 * re-served at the port the service was configured with.
 */
public final class LateTokenService implements AutoCloseable {

    private static final String JWKS_PATH = "/oauth/jwks";

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
        byte[] jwks = platformJwks();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext(JWKS_PATH, exchange -> {
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

    private static byte[] platformJwks() {
        TestJwksResource stub = new TestJwksResource();
        try {
            String baseUrl = stub.start().get("quarkus.oidc.auth-server-url");
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + JWKS_PATH)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("platform-test JWKS answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            stub.stop();
        }
    }
}
