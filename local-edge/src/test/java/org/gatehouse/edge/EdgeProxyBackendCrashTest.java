package org.gatehouse.edge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A backend that dies while it holds a request (kill -9 mid-request: the kernel closes its sockets) must not leave the
 * client hanging: the edge answers 503 {@code temporarily_unavailable} at once.
 */
class EdgeProxyBackendCrashTest {

    /** The JDK client's defaults: it offers an h2c upgrade, under which the edge once left this request hanging. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Vertx vertx;
    private ServerSocket backend;
    private EdgeProxy edge;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        edge = new EdgeProxy(vertx, RouteTable.of(List.of(new RouteTable.Route("/oauth/token", "token"))),
                Map.of("token", SocketAddress.inetSocketAddress(backend.getLocalPort(), "127.0.0.1")))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        edge.close();
        backend.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void handleWhenBackendDiesHoldingTheRequestThen503WithoutHanging() throws Exception {
        Thread dyingBackend = new Thread(() -> {
            try (Socket connection = backend.accept()) {
                InputStream in = connection.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer); // the request arrived; the process "dies" before answering
                Thread.sleep(200);
            } catch (Exception ignored) {
                // Closed with the test.
            }
        });
        dyingBackend.start();

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edge.port() + "/oauth/token"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(503, response.statusCode(), response.body());
        assertEquals("temporarily_unavailable", new JsonObject(response.body()).getString("error"));
    }
}
