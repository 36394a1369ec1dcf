package org.gatehouse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * token-service's denylist feed as a test double: {@code GET /internal/revoked-jtis} answers what
 * platform-common's RevocationPoller reads, and a test hook ({@code POST <hook>?jti=}) adds a revocation, as a
 * revocation through token-service would (tests run in another class loader, so they reach the double over HTTP).
 * {@code POST <hook>?down=true|false} takes the feed down (503, as an unreachable token-service) and back up.
 */
public final class DenylistFeedDouble {

    /** Admits a feed request, or answers it (401) itself and returns false. */
    @FunctionalInterface
    public interface Guard {
        boolean admit(HttpExchange exchange) throws IOException;
    }

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    /** A double whose feed is down until a test brings it up. */
    public static DenylistFeedDouble startingDown() {
        DenylistFeedDouble feed = new DenylistFeedDouble();
        feed.down = true;
        return feed;
    }

    /** Mounts the feed and the hook on {@code server}. */
    public void mount(HttpServer server, String hook, Guard guard) {
        server.createContext("/internal/revoked-jtis", exchange -> {
            if (!guard.admit(exchange)) {
                return;
            }
            if (down) {
                HttpDoubles.respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
                return;
            }
            long exp = System.currentTimeMillis() / 1000 + 3600;
            String entries = String.join(",", revoked.stream()
                    .map(jti -> "{\"jti\":\"" + jti + "\",\"exp\":" + exp + "}").toList());
            HttpDoubles.respond(exchange, 200,
                    "{\"jtis\":[" + entries + "],\"now\":" + System.currentTimeMillis() + "}");
        });
        server.createContext(hook, exchange -> {
            String query = exchange.getRequestURI().getQuery();
            if (query.startsWith("down=")) {
                down = Boolean.parseBoolean(query.substring("down=".length()));
            } else {
                revoked.add(query.substring("jti=".length()));
            }
            HttpDoubles.respond(exchange, 204, "");
        });
    }
}
