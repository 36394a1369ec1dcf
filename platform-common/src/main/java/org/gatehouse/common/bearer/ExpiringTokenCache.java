package org.gatehouse.common.bearer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a service learnt by verifying a token (an identity, verified claims), kept so the same token presented again
 * costs no second signature verification: ES256 verification is most of the CPU of a bearer request or an
 * introspection (bench/RESULTS.md). Each user decides what a hit still has to pass (resource servers' security
 * augmentors, token-service's denylist and key publication); this class only keeps entries from outliving their token.
 * <p>
 * An entry lives until the token's {@code exp} or {@code maxAge}, whichever comes first, and a hit past that deadline
 * is refused even before the entry is evicted. At most {@code maximumSize} entries are kept. Keyed by the SHA-256 of
 * the whole compact token, signature included: the raw token is never a key, and a token differing in any byte (a
 * forged signature on a cached header and payload) is a miss, verified on its own.
 *
 * @param <V> what verifying the token gave
 */
public final class ExpiringTokenCache<V> {

    private final Cache<String, Entry<V>> entries;
    private final long maxAgeMillis;
    private final Clock clock;

    public ExpiringTokenCache(Duration maxAge, long maximumSize) {
        this(maxAge, maximumSize, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With the wall clock that {@code exp} is judged by and the ticker Caffeine measures durations with. */
    ExpiringTokenCache(Duration maxAge, long maximumSize, Clock clock, Ticker ticker) {
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new UntilValidUntil<V>(clock))
                .ticker(ticker)
                .build();
    }

    /** What verifying exactly this token gave earlier, while the token has not expired. */
    public Optional<V> find(String token) {
        Entry<V> entry = entries.getIfPresent(digest(token));
        if (entry == null || clock.millis() >= entry.validUntilMillis()) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /**
     * Remembers what verifying the token gave until the token expires or the maximum age passes. A token already
     * expired (a verifier may allow a grace period) is not remembered.
     */
    public void remember(String token, V value, Instant expiresAt) {
        long now = clock.millis();
        long validUntil = Math.min(expiresAt.toEpochMilli(), now + maxAgeMillis);
        if (validUntil > now) {
            entries.put(digest(token), new Entry<>(value, validUntil));
        }
    }

    /** Runs Caffeine's pending maintenance (size eviction) now; tests only. */
    void cleanUp() {
        entries.cleanUp();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private record Entry<V>(V value, long validUntilMillis) {
    }

    /** Evicts each entry at its own deadline (token exp or max age), not at one fixed TTL. */
    private static final class UntilValidUntil<V> implements Expiry<String, Entry<V>> {

        private final Clock clock;

        UntilValidUntil(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String key, Entry<V> entry, long currentTime) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, entry.validUntilMillis() - clock.millis()));
        }

        @Override
        public long expireAfterUpdate(String key, Entry<V> entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry<V> entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
