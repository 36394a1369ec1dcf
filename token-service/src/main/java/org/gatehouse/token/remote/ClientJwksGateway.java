package org.gatehouse.token.remote;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.token.config.TokenConfig;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches the JWK Sets (RFC 7517 §5, https://www.rfc-editor.org/rfc/rfc7517#section-5) that {@code private_key_jwt}
 * clients publish at their registered {@code jwks_uri} (RFC 7591 §2), and caches each for
 * {@code token.client-jwks.cache-duration}.
 *
 * <p>The URI is the client's, so the fetch is defensive: HTTPS only (plain HTTP only to a loopback address, for local
 * runs), no redirects, a short timeout, a bounded response, a bounded number of cached sets. A set whose refetch
 * fails stays in use until the next attempt, and failed attempts are not repeated more often than
 * {@code min-refetch-interval}, so a client's dead server does not cost a timeout on every request.
 */
@ApplicationScoped
public class ClientJwksGateway {

    private static final Logger LOG = Logger.getLogger(ClientJwksGateway.class);

    private final TokenConfig.ClientJwks config;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "client-jwks-fetch");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final ConcurrentHashMap<String, CachedSet> sets = new ConcurrentHashMap<>();

    public ClientJwksGateway(TokenConfig config) {
        this.config = config.clientJwks();
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

    private JsonWebKeySet fetch(URI uri) throws IOException, InterruptedException, JoseException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.fetchTimeout())
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(config.maxResponseBytes() + 1);
            if (bytes.length > config.maxResponseBytes()) {
                throw new IOException("JWK Set larger than " + config.maxResponseBytes() + " bytes");
            }
            return new JsonWebKeySet(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** One client URI's set; fetches are serialised per URI so a burst of requests costs one fetch. */
    private final class CachedSet {

        private final URI uri;
        private JsonWebKeySet keys;
        private long fetchedAt;
        private long attemptedAt;
        private boolean attempted;
        volatile long lastUsed;

        CachedSet(URI uri) {
            this.uri = uri;
        }

        /** The set to use now, or null; {@code unknownKid} asks for a refetch (null when none was made). */
        synchronized JsonWebKeySet current(boolean unknownKid) {
            long now = System.nanoTime();
            boolean fresh = keys != null && now - fetchedAt < config.cacheDuration().toNanos();
            if (!unknownKid && fresh) {
                return keys;
            }
            boolean mayAttempt = !attempted || now - attemptedAt >= config.minRefetchInterval().toNanos();
            if (!mayAttempt) {
                // Too soon to ask the client's server again: a stale set is better than none, but not for a refetch.
                return unknownKid ? null : keys;
            }
            attempted = true;
            attemptedAt = now;
            try {
                keys = fetch(uri);
                fetchedAt = System.nanoTime();
                return keys;
            } catch (IOException | JoseException e) {
                LOG.infof("Could not fetch a client's JWK Set from %s: %s", uri, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return unknownKid ? null : keys;
        }
    }
}
