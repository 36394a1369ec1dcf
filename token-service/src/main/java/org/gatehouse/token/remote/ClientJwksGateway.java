package org.gatehouse.token.remote;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.token.config.TokenConfig;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fetches the JWK Sets (RFC 7517 §5, https://www.rfc-editor.org/rfc/rfc7517#section-5) that {@code private_key_jwt}
 * clients publish at their registered {@code jwks_uri} (RFC 7591 §2), and caches each for
 * {@code token.client-jwks.cache-duration}.
 *
 * <p>The URI is the client's, so the fetch is defensive: HTTPS only (plain HTTP only to a loopback address, for local
 * runs), no redirects, a bounded response, a bounded number of cached sets, and a hard deadline on the whole fetch
 * (connect, headers and body: a server that sends its body one byte at a time is cut off). No thread holds a lock
 * while a fetch runs: concurrent requests for one URI share one fetch and wait for it at most until its deadline, and
 * at most {@code max-concurrent-fetches} run at once. A set whose refetch fails stays in use, and a failed URI is not
 * fetched again for {@code failure-backoff}, so a client's slow or dead server costs the token endpoint one deadline
 * per back-off period, never a worker thread per request. Failed fetches are counted by reason
 * ({@code gatehouse_client_jwks_fetch_failures_total{reason}}: timeout, status, too_large, invalid, unreachable).
 */
@Startup
@ApplicationScoped
public class ClientJwksGateway {

    private static final Logger LOG = Logger.getLogger(ClientJwksGateway.class);
    static final String FAILURES = "gatehouse.client.jwks.fetch.failures";
    static final String TIMEOUT = "timeout";
    static final String STATUS = "status";
    static final String TOO_LARGE = "too_large";
    static final String INVALID = "invalid";
    static final String UNREACHABLE = "unreachable";

    private final TokenConfig.ClientJwks config;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "client-jwks-fetch");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final ConcurrentHashMap<String, CachedSet> sets = new ConcurrentHashMap<>();
    private final Semaphore fetchPermits;
    private final Map<String, Counter> failures;

    public ClientJwksGateway(TokenConfig config, MeterRegistry meters) {
        this.failures = Stream.of(TIMEOUT, STATUS, TOO_LARGE, INVALID, UNREACHABLE).collect(Collectors.toUnmodifiableMap(
                reason -> reason, reason -> Counter.builder(FAILURES)
                        .description("Failed fetches of clients' jwks_uri, by reason")
                        .tag("reason", reason)
                        .register(meters)));
        this.config = config.clientJwks();
        this.fetchPermits = new Semaphore(this.config.maxConcurrentFetches());
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.fetchTimeout())
                .executor(executor)
                .build();
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    /** The client's key set, from the cache while fresh; empty when it cannot be had (nothing cached, fetch failed). */
    public Optional<JsonWebKeySet> keys(String jwksUri) {
        return cached(jwksUri).map(set -> set.current(false));
    }

    /**
     * The key set fetched again because an assertion named a key not in it (the client may have rotated); empty when
     * it was fetched too recently to ask again, or the fetch failed.
     */
    public Optional<JsonWebKeySet> refreshedKeys(String jwksUri) {
        return cached(jwksUri).map(set -> set.current(true));
    }

    private Optional<CachedSet> cached(String jwksUri) {
        Optional<URI> uri = allowed(jwksUri);
        if (uri.isEmpty()) {
            LOG.debugf("Refusing to fetch a client JWK Set from a non-HTTPS, non-loopback or malformed URI");
            return Optional.empty();
        }
        CachedSet set = sets.computeIfAbsent(jwksUri, key -> new CachedSet(uri.get()));
        set.lastUsed = System.nanoTime();
        if (sets.size() > config.maxCachedSets()) {
            evictLeastRecentlyUsed();
        }
        return Optional.of(set);
    }

    private void evictLeastRecentlyUsed() {
        int excess = sets.size() - config.maxCachedSets();
        sets.entrySet().stream()
                .sorted(Comparator.comparingLong(entry -> entry.getValue().lastUsed))
                .limit(Math.max(excess, 0))
                .map(java.util.Map.Entry::getKey)
                .toList()
                .forEach(sets::remove);
    }

    /** HTTPS, or HTTP to a loopback address literal or {@code localhost}; no user info. */
    static Optional<URI> allowed(String jwksUri) {
        if (jwksUri == null || jwksUri.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(jwksUri);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
                return Optional.of(uri);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Decided on the literal, never by a DNS lookup a client's DNS could answer. */
    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipLiteral = host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.startsWith("[");
        if (!ipLiteral) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * One fetch, asynchronous so that no caller's thread and no lock is tied to it. The JDK client's own timeout ends
     * at the response headers, so the deadline covers the whole exchange: when it passes, the exchange is cancelled
     * (its connection closed), and a body chunk arriving after it aborts the read as well. The caller holds a permit
     * of {@link #fetchPermits}; it is returned when the fetch ends, at the latest at the deadline.
     */
    private CompletableFuture<JsonWebKeySet> fetch(URI uri) {
        Duration deadline = config.fetchTimeout();
        BoundedBody body = new BoundedBody(config.maxResponseBytes(), System.nanoTime() + deadline.toNanos());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<Void>> exchange;
        try {
            exchange = http.sendAsync(request, body::subscriber);
        } catch (RuntimeException e) {
            fetchPermits.release();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse<Void>> bounded = exchange.copy()
                .orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenComplete((response, failure) -> {
            fetchPermits.release();
            if (failure != null) {
                exchange.cancel(true);
            }
        });
        return bounded.thenApply(response -> body.keySet());
    }

    /** The response body as it arrives: only a 200, at most {@code maxBytes}, no chunk accepted after the deadline. */
    private static final class BoundedBody implements Consumer<Optional<byte[]>> {

        private final int maxBytes;
        private final long deadline;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile int status;

        BoundedBody(int maxBytes, long deadline) {
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info) {
            status = info.statusCode();
            return HttpResponse.BodySubscribers.ofByteArrayConsumer(this);
        }

        /** Throwing here cancels the subscription, which closes the connection. */
        @Override
        public void accept(Optional<byte[]> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            if (status != 200) {
                throw new UncheckedIOException(new FetchFailure(STATUS, "HTTP " + status));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new UncheckedIOException(new FetchFailure(TIMEOUT, "JWK Set not received within the deadline"));
            }
            if (bytes.size() + chunk.get().length > maxBytes) {
                throw new UncheckedIOException(new FetchFailure(TOO_LARGE, "JWK Set larger than " + maxBytes + " bytes"));
            }
            bytes.writeBytes(chunk.get());
        }

        JsonWebKeySet keySet() {
            if (status != 200) {
                throw new CompletionException(new FetchFailure(STATUS, "HTTP " + status));
            }
            try {
                return new JsonWebKeySet(bytes.toString(StandardCharsets.UTF_8));
            } catch (JoseException e) {
                throw new CompletionException(new FetchFailure(INVALID, e.getMessage()));
            }
        }
    }

    /** Why a fetch failed, when the answer (not the connection) was at fault. */
    private static final class FetchFailure extends IOException {

        final String reason;

        FetchFailure(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** The reason label of a failed fetch: the answer's fault, the deadline, or else the connection. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FetchFailure fetchFailure) {
                return fetchFailure.reason;
            }
            if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
        }
        return UNREACHABLE;
    }

    /**
     * One client URI's set. At most one fetch per URI is in flight; every request that needs it waits for that one
     * fetch, at most until its deadline. The monitor guards the fields only and is never held during I/O.
     */
    private final class CachedSet {

        private final URI uri;
        private JsonWebKeySet keys;
        private long fetchedAt;
        private long attemptedAt;
        private boolean attempted;
        private long failedAt;
        private boolean failed;
        private CompletableFuture<JsonWebKeySet> inFlight;
        private long inFlightDeadline;
        volatile long lastUsed;

        CachedSet(URI uri) {
            this.uri = uri;
        }

        /** The set to use now, or null; {@code unknownKid} asks for a refetch (null when none was made). */
        JsonWebKeySet current(boolean unknownKid) {
            CompletableFuture<JsonWebKeySet> flight;
            JsonWebKeySet fallback;
            long deadline;
            synchronized (this) {
                long now = System.nanoTime();
                boolean fresh = keys != null && now - fetchedAt < config.cacheDuration().toNanos();
                if (!unknownKid && fresh) {
                    return keys;
                }
                // A stale set is better than none, but not as the answer to a refetch.
                fallback = unknownKid ? null : keys;
                flight = inFlight;
                if (flight == null) {
                    boolean tooSoon = attempted && now - attemptedAt < config.minRefetchInterval().toNanos();
                    boolean backingOff = failed && now - failedAt < config.failureBackoff().toNanos();
                    if (tooSoon || backingOff || !fetchPermits.tryAcquire()) {
                        return fallback;
                    }
                    attempted = true;
                    attemptedAt = now;
                    inFlightDeadline = now + config.fetchTimeout().toNanos();
                    flight = fetch(uri);
                    inFlight = flight;
                    flight.whenComplete(this::settle);
                }
                deadline = inFlightDeadline;
            }
            try {
                // Joining late waits only for what is left of the fetch's own deadline.
                return flight.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                return fallback;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fallback;
            }
        }

        private synchronized void settle(JsonWebKeySet fetched, Throwable failure) {
            inFlight = null;
            if (failure == null) {
                keys = fetched;
                fetchedAt = System.nanoTime();
                failed = false;
                return;
            }
            failed = true;
            failedAt = System.nanoTime();
            failures.get(reason(failure)).increment();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof UncheckedIOException unchecked) {
                cause = unchecked.getCause();
            }
            LOG.infof("Could not fetch a client's JWK Set from %s: %s", uri,
                    cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
    }
}
