package org.gatehouse.edge;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one public origin of a local run: what the Ingress is in Kubernetes. Routes by {@link RouteTable} to one
 * {@link HttpProxy} per service, sets the X-Forwarded-* headers the Ingress sets, answers unrouted paths (including
 * {@code /internal/**} and {@code /q/**}) with 404 and an unreachable service with 503, both in the platform's
 * JSON error shape.
 */
public final class EdgeProxy implements AutoCloseable {

    private static final int MAX_HEADER_SIZE = 16 * 1024;
    /**
     * The Ingress's {@code proxy-body-size} (values.yaml) and the services' {@code quarkus.http.limits.max-body-size}:
     * a larger declared body is refused here, as nginx refuses it, before it is streamed to a service that would
     * close the connection mid-upload (which read as the service being down: 503 instead of 413).
     */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final RouteTable routes;
    private final Map<String, HttpProxy> proxies = new HashMap<>();
    private HttpServer server;

    /**
     * @param backends service name → address of that service (every service of the table must have one)
     */
    public EdgeProxy(Vertx vertx, RouteTable routes, Map<String, SocketAddress> backends) {
        this(vertx, routes, backends, null);
    }

    /**
     * @param trustedProxy the address of a proxy in front of this edge whose X-Forwarded-* headers are kept (a TLS
     *                     terminator of the operator's), or null: then every client's are replaced
     */
    public EdgeProxy(Vertx vertx, RouteTable routes, Map<String, SocketAddress> backends, String trustedProxy) {
        this.vertx = vertx;
        this.routes = routes;
        for (String service : routes.services()) {
            SocketAddress origin = backends.get(service);
            if (origin == null) {
                throw new IllegalArgumentException("No backend address for " + service);
            }
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions(), vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout(5_000)
                    .setMaxPoolSize(32)
                    .setMaxHeaderSize(MAX_HEADER_SIZE)));
            proxy.origin(origin);
            proxy.addInterceptor(new ForwardedHeaders(trustedProxy));
            proxy.addInterceptor(new UnavailableBackend(service));
            proxies.put(service, proxy);
        }
    }

    /** Binds the edge over plain HTTP; blocks until it listens. Port 0 picks a free port (see {@link #port()}). */
    public EdgeProxy start(String host, int port) throws Exception {
        return start(host, port, null);
    }

    /** Binds the edge, over TLS with {@code certificate} unless it is null; blocks until it listens. */
    public EdgeProxy start(String host, int port, EdgeCertificate certificate) throws Exception {
        // HTTP/1.1 only, as the ingress speaks to a plain-HTTP client: over an h2c upgrade (which the JDK's
        // HttpClient attempts by default) a backend dying mid-request left the client's stream hanging instead of
        // getting the 503 (EdgeProxyBackendCrashTest).
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                .setMaxInitialLineLength(MAX_HEADER_SIZE);
        if (certificate != null) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions()
                    .setPath(certificate.keyStore().toString())
                    .setPassword(certificate.password()));
        }
        HttpServer created = vertx.createHttpServer(options);
        created.requestHandler(this::route);
        created.invalidRequestHandler(EdgeProxy::unparseable);
        server = created.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    private void route(HttpServerRequest request) {
        Optional<String> path = canonicalPath(request.path());
        if (path.isEmpty()) {
            error(request, 400, "invalid_request", "The request path is not in canonical form.");
            return;
        }
        Optional<RouteTable.Route> route = routes.match(path.get());
        if (route.isEmpty()) {
            error(request, 404, "not_found", "No public endpoint at this path.");
            return;
        }
        if (declaredBodyBytes(request) > MAX_BODY_BYTES) {
            request.response().putHeader("Connection", "close");
            error(request, 413, "payload_too_large",
                    "The request body is too large (at most " + MAX_BODY_BYTES + " bytes).");
            return;
        }
        proxies.get(route.get().service()).handle(request);
    }

    /**
     * A request Netty's decoder could not parse (a raw HTAB splits the request target into a third word that is no
     * HTTP version; a request line or headers beyond the limits): the contract's JSON body instead of Vert.x's bare
     * status, then the connection closes, as nothing after such a request can be framed. Every other malformed
     * request target (broken escapes, raw control or non-ASCII bytes) is passed on, and the service answers it as it
     * answers it directly: its error page or its JSON body.
     */
    private static void unparseable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String description = switch (status) {
            case 414 -> "The request line is too long.";
            case 431 -> "The request headers are too large.";
            default -> "The request line is not HTTP: a request target holds no whitespace or control characters "
                    + "(RFC 9112 §3.2).";
        };
        String body = new JsonObject().put("error", "invalid_request").put("error_description", description).encode();
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Connection", "close")
                .end(body)
                .onComplete(done -> request.connection().close());
    }

    /**
     * The path as the backend's router will see it: percent-encoded unreserved characters decoded (RFC 3986 §2.3).
     * Empty for paths with dot segments or encoded slashes, which the backend would resolve to a different path
     * than the one routed here (e.g. {@code /api/v1/apps/../../internal/x}).
     */
    static Optional<String> canonicalPath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || decoded.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        for (String segment : decoded.split("/", -1)) {
            String name = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (name.equals(".") || name.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(decoded);
    }

    /** The Content-Length a client declared (0 when absent or unreadable: the service's own count then applies). */
    private static long declaredBodyBytes(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void error(HttpServerRequest request, int status, String code, String description) {
        String body = new JsonObject().put("error", code).put("error_description", description).encode();
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server = null;
        }
    }

    /**
     * Sets X-Forwarded-For/-Proto/-Host/-Port as the Ingress does. This edge is the trust boundary, so values a
     * client sent are replaced, never appended to: a client must not choose the address rate limits are keyed on.
     * The one exception is the configured trusted proxy (a TLS terminator in front of the edge), whose headers
     * already say what its client sent; they pass unchanged.
     */
    static final class ForwardedHeaders implements ProxyInterceptor {

        private final String trustedProxy;

        ForwardedHeaders(String trustedProxy) {
            this.trustedProxy = trustedProxy;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            MultiMap headers = context.request().headers();
            SocketAddress client = incoming.remoteAddress();
            if (trustedProxy != null && client != null && sameAddress(trustedProxy, client.hostAddress())
                    && headers.contains("X-Forwarded-Proto")) {
                return context.sendRequest();
            }
            headers.remove("Forwarded");
            if (client != null && client.hostAddress() != null) {
                headers.set("X-Forwarded-For", client.hostAddress());
            } else {
                headers.remove("X-Forwarded-For");
            }
            headers.set("X-Forwarded-Proto", incoming.isSSL() ? "https" : "http");
            HostAndPort authority = incoming.authority();
            if (authority != null) {
                headers.set("X-Forwarded-Host", authority.port() >= 0
                        ? authority.host() + ":" + authority.port() : authority.host());
            } else {
                headers.remove("X-Forwarded-Host");
            }
            SocketAddress local = incoming.localAddress();
            if (local != null && local.port() > 0) {
                headers.set("X-Forwarded-Port", Integer.toString(local.port()));
            } else {
                headers.remove("X-Forwarded-Port");
            }
            return context.sendRequest();
        }
    }

    private static boolean sameAddress(String configured, String peer) {
        if (peer == null) {
            return false;
        }
        byte[] a = NetUtil.createByteArrayFromIpAddressString(configured);
        byte[] b = NetUtil.createByteArrayFromIpAddressString(peer);
        return a != null && b != null && Arrays.equals(a, b);
    }

    /** Turns "could not reach the service" into the contract's 503 {@code temporarily_unavailable}. */
    static final class UnavailableBackend implements ProxyInterceptor {

        private final String service;

        UnavailableBackend(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                String body = new JsonObject()
                        .put("error", "temporarily_unavailable")
                        .put("error_description", service + " is not reachable; try again shortly.")
                        .encode();
                ProxyResponse response = context.request().release().response()
                        .setStatusCode(503)
                        .setStatusMessage("Service Unavailable")
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .putHeader("Retry-After", "5")
                        .setBody(Body.body(Buffer.buffer(body)));
                return Future.succeededFuture(response);
            });
        }
    }
}
