package org.gatehouse.edge;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge against a stub backend that echoes what it received. */
class EdgeProxyTest {

    private static Vertx vertx;
    private static HttpServer backend;
    private static EdgeProxy edge;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject echo = new JsonObject()
                    .put("uri", request.uri())
                    .put("body", body.toString())
                    .put("xff", request.getHeader("X-Forwarded-For"))
                    .put("proto", request.getHeader("X-Forwarded-Proto"))
                    .put("host", request.getHeader("X-Forwarded-Host"))
                    .put("port", request.getHeader("X-Forwarded-Port"))
                    .put("forwarded", request.getHeader("Forwarded"))
                    .put("traceparent", request.getHeader("traceparent"));
            request.response().putHeader("Content-Type", "application/json").end(echo.encode());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RouteTable routes = RouteTable.of(List.of(
                new RouteTable.Route("/oauth/token", "echo"),
                new RouteTable.Route("/api/v1/apps", "echo"),
                new RouteTable.Route("/api/v1/nodes", "down")));
        edge = new EdgeProxy(vertx, routes, Map.of(
                "echo", SocketAddress.inetSocketAddress(backend.actualPort(), "127.0.0.1"),
                "down", SocketAddress.inetSocketAddress(closedPort, "127.0.0.1")))
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void handleWhenRoutedThenBackendGetsRequestWithForwardedHeaders() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(edgeUri("/oauth/token?x=1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        JsonObject echo = new JsonObject(response.body());
        assertEquals("/oauth/token?x=1", echo.getString("uri"));
        assertEquals("grant_type=client_credentials", echo.getString("body"));
        assertEquals("127.0.0.1", echo.getString("xff"));
        assertEquals("http", echo.getString("proto"));
        assertEquals("127.0.0.1:" + edge.port(), echo.getString("host"));
        assertEquals(Integer.toString(edge.port()), echo.getString("port"));
    }

    @Test
    void handleWhenClientSendsForwardedHeadersThenEdgeReplacesThem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(edgeUri("/api/v1/apps"))
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=203.0.113.9;proto=https")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonObject echo = new JsonObject(response.body());
        assertEquals("127.0.0.1", echo.getString("xff"));
        assertEquals("http", echo.getString("proto"));
        assertEquals(null, echo.getString("forwarded"));
    }

    /** The caller's W3C trace context reaches the service unchanged, as through the Ingress: the trace continues. */
    @Test
    void handleWhenClientSendsTraceparentThenBackendGetsItUnchanged() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(edgeUri("/oauth/token"))
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(traceparent, new JsonObject(response.body()).getString("traceparent"));
    }

    /**
     * A body over the Ingress's limit is refused at the edge with the JSON 413: streamed on, the service closed the
     * connection mid-upload and the client was told the service was unreachable (503).
     */
    @Test
    void handleWhenDeclaredBodyOverTheIngressLimitThen413JsonNotUnavailable() throws Exception {
        byte[] body = new byte[(int) EdgeProxy.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) 'x');
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(edgeUri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode(), response.body());
        assertEquals("payload_too_large", new JsonObject(response.body()).getString("error"));

        HttpResponse<String> atTheLimit = HTTP.send(HttpRequest.newBuilder(edgeUri("/oauth/token"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(body, body.length - 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, atTheLimit.statusCode(), "a body at the limit reaches the service");
    }

    @Test
    void handleWhenPathNotInTableThen404Json() throws Exception {
        for (String path : List.of("/internal/clients/x", "/q/health/ready", "/nope", "/oauth/tokenx", "/")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(edgeUri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("not_found", new JsonObject(response.body()).getString("error"), path);
            assertTrue(new JsonObject(response.body()).containsKey("error_description"));
        }
    }

    @Test
    void handleWhenBackendDownThen503TemporarilyUnavailable() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(edgeUri("/api/v1/nodes")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(503, response.statusCode());
        assertEquals("temporarily_unavailable", new JsonObject(response.body()).getString("error"));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void handleWhenPathEscapesItsPrefixThenRejectedBeforeRouting() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                edgeUri("/api/v1/apps/%2e%2e/%2e%2e/%2e%2e/internal/clients/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertEquals("invalid_request", new JsonObject(response.body()).getString("error"));
    }

    @Test
    void handleWhenPathNotCanonicalThenNoCanonicalForm() {
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps/../../internal/x"));
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps/%2E%2E/internal"));
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps/..;/internal"));
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps%2F..%2Finternal"));
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps/./x"));
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps\\..\\internal"));
        assertEquals(Optional.empty(), EdgeProxy.canonicalPath("/api/v1/apps/%zz"));
        assertEquals(Optional.of("/api/v1/apps"), EdgeProxy.canonicalPath("/api/v1/%61pps"));
        assertEquals(Optional.of("/oauth/token"), EdgeProxy.canonicalPath("/oauth/token"));
        assertEquals(Optional.of("/api/v1/nodes/a+b"), EdgeProxy.canonicalPath("/api/v1/nodes/a+b"));
    }

    /**
     * Broken escapes and raw control bytes in the query are the service's to refuse, with its own error page or JSON
     * body: the edge passes them on as they came (a raw non-ASCII byte arrives re-encoded, still not ASCII, and is
     * refused there all the same).
     */
    @Test
    void handleWhenQueryCarriesBrokenEscapesOrRawControlBytesThenPassedOnToTheService() throws Exception {
        for (String value : List.of("x%ZZ", "x%", "a\u0000b", "a\u001bb", "a\u007f")) {
            String answer = raw("GET /oauth/token?state=" + value + " HTTP/1.1");
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertEquals("/oauth/token?state=" + value, new JsonObject(body(answer)).getString("uri"));
        }
        String answer = raw("GET /oauth/token?state=caf\u00c3\u00a9 HTTP/1.1");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(new JsonObject(body(answer)).getString("uri").chars().anyMatch(c -> c > 0x7f), answer);
    }

    /**
     * A request line Netty's decoder cannot parse (a raw HTAB splits the request target, so the third word is no HTTP
     * version) gets the JSON body here, where the edge owns the HTTP server, instead of Vert.x's bare 400.
     */
    @Test
    void handleWhenRequestLineHoldsRawTabThen400JsonNotBareStatus() throws Exception {
        String answer = raw("GET /oauth/token?state=a\tb HTTP/1.1");
        assertTrue(answer.startsWith("HTTP/1.0 400") || answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("Content-Type: application/json"), answer);
        assertEquals("invalid_request", new JsonObject(body(answer)).getString("error"));
    }

    /** One request written byte for byte (ISO-8859-1, one byte a character), answered to the end of the connection. */
    private static String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String body(String answer) {
        return new String(answer.substring(answer.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    private static URI edgeUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + edge.port() + pathAndQuery);
    }
}
