package org.gatehouse.common.transport;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.gatehouse.common.error.OAuthError;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;

/**
 * Oversized requests get the contract's JSON error body, not a bare status. Netty's HTTP decoder refuses a request
 * line over {@code quarkus.http.limits.max-initial-line-length} with 414 and headers over
 * {@code quarkus.http.limits.max-header-size} with 431 before any route runs (through Vert.x's invalid-request
 * handler, which Quarkus does not expose), with an empty body. So the decoder's limits are raised to a ceiling
 * {@value #CEILING_FACTOR} times higher, and the configured limits are enforced here, first on the router, where the
 * answer is {@code {"error":"invalid_request","error_description":...}}. Beyond the ceiling the decoder still
 * answers bare; it only bounds the memory one request may take. A declared body over
 * {@code quarkus.http.limits.max-body-size} gets 413 {@code payload_too_large} the same way, before Quarkus' own
 * check would answer it bare.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15">RFC 9110 §15.5.15 (414)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6585#section-5">RFC 6585 §5 (431)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14">RFC 9110 §15.5.14 (413)</a>
 */
@Singleton
public class RequestSizeLimits implements HttpServerOptionsCustomizer {

    static final int CEILING_FACTOR = 4;
    /** Quarkus' default for {@code quarkus.http.limits.max-body-size} (10240K). */
    static final long DEFAULT_MAX_BODY_SIZE = 10_240L * 1024;
    /** How much of a refused request is read before closing anyway: bounds the work a refusal costs. */
    static final long LINGER_BYTES = 1024L * 1024;
    static final long LINGER_MILLIS = 2_000;

    /** Vert.x's own defaults until the server options are known. */
    private volatile int maxInitialLineLength = HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH;
    private volatile int maxHeaderSize = HttpServerOptions.DEFAULT_MAX_HEADER_SIZE;
    private volatile long maxBodySize = DEFAULT_MAX_BODY_SIZE;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        raiseDecoderLimits(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        raiseDecoderLimits(options);
    }

    private void raiseDecoderLimits(HttpServerOptions options) {
        maxInitialLineLength = options.getMaxInitialLineLength();
        maxHeaderSize = options.getMaxHeaderSize();
        options.setMaxInitialLineLength(ceiling(maxInitialLineLength));
        options.setMaxHeaderSize(ceiling(maxHeaderSize));
    }

    private static int ceiling(int limit) {
        return (int) Math.min(Integer.MAX_VALUE, (long) limit * CEILING_FACTOR);
    }

    void enforceBeforeEveryRoute(@Observes Router router) {
        maxBodySize = configuredMaxBodySize();
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    /** {@code quarkus.http.limits.max-body-size}, or Quarkus' default. */
    static long configuredMaxBodySize() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .map(size -> new MemorySizeConverter().convert(size).asLongValue())
                .orElse(DEFAULT_MAX_BODY_SIZE);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        // The decoder measures the request line without its CRLF: "METHOD SP request-target SP HTTP/1.1".
        int requestLine = request.method().name().length() + 1 + request.uri().length() + 1 + "HTTP/1.1".length();
        if (requestLine > maxInitialLineLength) {
            refuse(context, 414, OAuthError.INVALID_REQUEST,
                    "The request URI is too long (at most " + maxInitialLineLength + " bytes).");
            return;
        }
        if (headerBytes(request) > maxHeaderSize) {
            refuse(context, 431, OAuthError.INVALID_REQUEST,
                    "The request headers are too large (at most " + maxHeaderSize + " bytes).");
            return;
        }
        if (declaredBodyBytes(request) > maxBodySize) {
            // Quarkus' own check (route order -2) would answer the same status without a body.
            refuse(context, 413, OAuthError.PAYLOAD_TOO_LARGE,
                    "The request body is too large (at most " + maxBodySize + " bytes).");
            return;
        }
        context.next();
    }

    /** The Content-Length a client declared; a chunked body is left to Quarkus' running count. */
    private static long declaredBodyBytes(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Header lines as the decoder counts them: "name: value", without the CRLF. */
    private static long headerBytes(HttpServerRequest request) {
        long total = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            total += header.getKey().length() + 2 + header.getValue().length();
        }
        return total;
    }

    /**
     * The contract's error body, answered from the router before any endpoint runs, then a lingering close: what the client still sends of the refused request is read
     * and dropped (up to {@value #LINGER_BYTES} bytes or {@value #LINGER_MILLIS} ms) before the connection closes.
     * Closing a socket with unread bytes makes the kernel answer with RST, and an RST arriving first destroys the
     * answer in the client's receive buffer: the client would see a dropped connection instead of 413.
     */
    static void refuse(RoutingContext context, int status, OAuthError error, String description) {
        String body = new JsonObject().put("error", error.code()).put("error_description", description).encode();
        HttpServerRequest request = context.request();
        Promise<Void> drained = Promise.promise();
        drain(context.vertx(), request, drained);
        Future<Void> answered = context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(body);
        Future.join(answered, drained.future()).onComplete(done -> request.connection().close());
    }

    /** Reads and drops the rest of the request body; completes at its end, past the byte cap or at the deadline. */
    private static void drain(Vertx vertx, HttpServerRequest request, Promise<Void> drained) {
        if (request.isEnded()) {
            drained.tryComplete();
            return;
        }
        long deadline = vertx.setTimer(LINGER_MILLIS, timeUp -> drained.tryComplete());
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > LINGER_BYTES) {
                drained.tryComplete();
            }
        });
        request.exceptionHandler(failure -> drained.tryComplete());
        request.endHandler(end -> drained.tryComplete());
        drained.future().onComplete(done -> vertx.cancelTimer(deadline));
        request.resume();
    }
}
