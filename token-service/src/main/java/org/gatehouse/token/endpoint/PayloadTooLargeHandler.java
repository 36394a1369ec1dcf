package org.gatehouse.token.endpoint;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses a body declared larger than {@code quarkus.http.limits.max-body-size} with the contract's JSON error
 * body. Quarkus enforces the same limit (route order -2) but answers with an empty 413; this route runs just
 * before it so clients get {@code payload_too_large} like every other error.
 */
@ApplicationScoped
public class PayloadTooLargeHandler {

    /** One before Quarkus's upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    static final int ORDER = -3;
    private static final String BODY =
            "{\"error\":\"payload_too_large\",\"error_description\":\"The request is too large\"}";

    private final Optional<MemorySize> maxBodySize;

    public PayloadTooLargeHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size")
                                  Optional<MemorySize> maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    void register(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(ORDER).handler(ctx -> refuseIfTooLarge(ctx, limit.asLongValue())));
    }

    private static void refuseIfTooLarge(RoutingContext ctx, long limit) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared, limit)) {
            // The body is not read; closing the connection keeps a client from streaming it anyway.
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(BODY);
            return;
        }
        ctx.next();
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            // Malformed lengths are left to the HTTP layer, which rejects them.
            return false;
        }
    }
}
