package org.gatehouse.token.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenTelemetry collector's OTLP/HTTP receiver ({@code POST /v1/traces}, protobuf): it keeps every export request
 * it gets. {@code GET /_fixture/exports?trace_id=<32 hex>} answers the bodies of the exports holding that trace id
 * (its 16 bytes, as OTLP carries them) one after the other, 404 while there is none; {@code GET /_fixture/exports}
 * counts the exports. Only for the profiles that name it.
 */
public class CollectorDouble implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "quarkus.otel.exporter.otlp.traces.endpoint";

    private final List<byte[]> exports = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of(URL_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
    }

    /** The bodies of the exports that hold the trace, joined, or null before there is one. */
    public static byte[] exportOf(String traceId) {
        io.restassured.response.Response response = io.restassured.RestAssured.given()
                .queryParam("trace_id", traceId).get(url() + "/_fixture/exports");
        return response.statusCode() == 200 ? response.asByteArray() : null;
    }

    /** How many exports the collector has received. */
    public static int exports() {
        return Integer.parseInt(io.restassured.RestAssured.given().get(url() + "/_fixture/exports").asString());
    }

    private static String url() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue(URL_PROPERTY, String.class);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/traces") && exchange.getRequestMethod().equals("POST")
                    && "application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exports.add(exchange.getRequestBody().readAllBytes());
                send(exchange, 200, new byte[0]);
            } else if (path.equals("/_fixture/exports") && exchange.getRequestURI().getQuery() == null) {
                send(exchange, 200, Integer.toString(exports.size()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else if (path.equals("/_fixture/exports")) {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                byte[] traceId = HexFormat.of().parseHex(query.substring(query.indexOf('=') + 1));
                java.io.ByteArrayOutputStream found = new java.io.ByteArrayOutputStream();
                exports.stream().filter(body -> contains(body, traceId)).forEach(found::writeBytes);
                send(exchange, found.size() == 0 ? 404 : 200, found.toByteArray());
            } else {
                send(exchange, 404, new byte[0]);
            }
        }
    }

    static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
