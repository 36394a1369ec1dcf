package org.gatehouse.testing;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the JDK-HttpServer stand-ins of sibling services share: JSON answers and the service-token audience check. */
public final class HttpDoubles {

    private HttpDoubles() {
    }

    /** The service token's audience, read without verifying it: such a double only checks who it was meant for. */
    public static boolean audienceIs(HttpExchange exchange, String audience) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = header.substring(7).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return payload.contains("\"aud\":\"" + audience + "\"") || payload.contains("\"aud\":[\"" + audience + "\"");
    }

    /** A JSON answer (no body for 204), then the exchange is closed. */
    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
