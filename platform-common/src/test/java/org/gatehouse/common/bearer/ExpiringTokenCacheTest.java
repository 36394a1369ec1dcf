package org.gatehouse.common.bearer;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expiry mechanics every verified-token cache shares (resource servers' bearer identities, token-service's
 * introspection): an entry never outlives its token's {@code exp} nor the maximum age, and the cache stays bounded.
 * Time is a fake wall clock (what {@code exp} is judged by) and a fake ticker (what Caffeine evicts by), moved by hand.
 */
class ExpiringTokenCacheTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final FakeTime time = new FakeTime(Instant.parse("2030-01-01T00:00:00Z"));
    private final ExpiringTokenCache<String> cache = new ExpiringTokenCache<>(MAX_AGE, 100, time, time);

    @Test
    void findWhenRememberedThenSameValueForExactlyThatToken() {
        cache.remember("header.payload.signature", "alice", time.instant().plusSeconds(3600));

        assertEquals(Optional.of("alice"), cache.find("header.payload.signature"));
        assertEquals(Optional.empty(), cache.find("header.payload.signaturE"), "a token differing in any byte");
        assertEquals(Optional.empty(), cache.find("header.payload."));
    }

    @Test
    void findWhenTokenExpiresBeforeMaxAgeThenGoneAtExp() {
        cache.remember("short-lived", "alice", time.instant().plusSeconds(10));

        time.advance(Duration.ofMillis(9_999));
        assertEquals(Optional.of("alice"), cache.find("short-lived"));
        time.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), cache.find("short-lived"));
    }

    @Test
    void findWhenMaxAgePassesBeforeExpThenGone() {
        cache.remember("long-lived", "alice", time.instant().plusSeconds(3600));

        time.advance(MAX_AGE.minusMillis(1));
        assertEquals(Optional.of("alice"), cache.find("long-lived"));
        time.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), cache.find("long-lived"));
    }

    @Test
    void findWhenWallClockPassesExpBeforeEvictionThenRefusedAnyway() {
        cache.remember("token", "alice", time.instant().plusSeconds(10));

        // Only the wall clock moves (the ticker Caffeine evicts by lags behind): the entry is still stored.
        time.advanceWallClockOnly(Duration.ofSeconds(10));

        assertEquals(Optional.empty(), cache.find("token"));
    }

    @Test
    void rememberWhenTokenAlreadyExpiredThenNotRemembered() {
        cache.remember("expired", "alice", time.instant().minusSeconds(1));
        cache.remember("expiring-now", "bob", time.instant());

        assertEquals(Optional.empty(), cache.find("expired"));
        assertEquals(Optional.empty(), cache.find("expiring-now"));
    }

    @Test
    void rememberWhenSameTokenAgainThenNewValueAndNewDeadline() {
        cache.remember("token", "first", time.instant().plusSeconds(5));
        cache.remember("token", "second", time.instant().plusSeconds(30));

        time.advance(Duration.ofSeconds(20));

        assertEquals(Optional.of("second"), cache.find("token"));
    }

    @Test
    void rememberWhenMoreTokensThanMaximumSizeThenOnlyMaximumSizeKept() {
        ExpiringTokenCache<String> small = new ExpiringTokenCache<>(MAX_AGE, 3, time, time);
        List<String> tokens = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");
        for (String token : tokens) {
            small.remember(token, token.toUpperCase(), time.instant().plusSeconds(3600));
        }

        small.cleanUp();

        long kept = tokens.stream().filter(token -> small.find(token).isPresent()).count();
        assertEquals(3, kept);
        tokens.forEach(token -> small.find(token)
                .ifPresent(value -> assertEquals(token.toUpperCase(), value, "a kept token keeps its own value")));
    }

    @Test
    void findWhenOneOfManyTokensExpiresThenOthersStay() {
        cache.remember("soon", "alice", time.instant().plusSeconds(5));
        cache.remember("later", "bob", time.instant().plusSeconds(50));

        time.advance(Duration.ofSeconds(5));
        cache.cleanUp();

        assertEquals(Optional.empty(), cache.find("soon"));
        assertTrue(cache.find("later").isPresent());
    }

    /** A wall clock and a Caffeine ticker that move together unless told otherwise. */
    private static final class FakeTime extends Clock implements Ticker {

        private long wallMillis;
        private long tickerNanos;

        FakeTime(Instant start) {
            this.wallMillis = start.toEpochMilli();
        }

        void advance(Duration by) {
            wallMillis += by.toMillis();
            tickerNanos += by.toNanos();
        }

        void advanceWallClockOnly(Duration by) {
            wallMillis += by.toMillis();
        }

        @Override
        public long read() {
            return tickerNanos;
        }

        @Override
        public long millis() {
            return wallMillis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(wallMillis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
