package org.gatehouse.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The app's side of a redirect: a loopback HTTP server (RFC 8252 §7.3) on a free port that records every request's
 * path and query and answers a small page, as a native or server-side client's callback would.
 */
final class CallbackReceiver implements AutoCloseable {

    /** One arrival at the receiver. */
    record Callback(String path, Map<String, String> query, String rawQuery) {
        String param(String name) {
            return query.get(name);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Callback> received = new LinkedBlockingQueue<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    static CallbackReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        CallbackReceiver receiver = new CallbackReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port><path>}: a redirect URI the platform accepts over plain HTTP (loopback). */
    String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Drops whatever earlier steps left, so the next {@link #next} is this step's callback. */
    void clear() {
        received.clear();
    }

    Callback next(Duration timeout) throws InterruptedException {
        Callback callback = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (callback == null) {
            throw new AssertionError("No request reached the callback receiver within " + timeout.toSeconds() + " s");
        }
        return callback;
    }

    /** Whatever arrived so far without waiting (null when nothing). */
    Callback poll() {
        return received.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if ("/favicon.ico".equals(exchange.getRequestURI().getPath())) {
            // The browser's own request for the callback page's icon, not a redirect from the platform.
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        received.add(new Callback(exchange.getRequestURI().getPath(), parse(rawQuery), rawQuery));
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Callback received</title>"
                + "</head><body><h1 id=\"callback\">Callback received</h1><p>You can close this window.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        }
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (params.putIfAbsent(name, value) != null) {
                throw new AssertionError("Parameter " + name + " repeated in the callback: " + rawQuery);
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
