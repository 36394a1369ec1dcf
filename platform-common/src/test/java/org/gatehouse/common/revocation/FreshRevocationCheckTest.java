package org.gatehouse.common.revocation;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replayed authorization code revoked the tokens issued from it (RFC 6749 §4.1.2), but UserInfo answered the first
 * access token with 200 for up to one poll interval more: it read a denylist polled every 2 s. The fresh check reads
 * the denylist again, with a poll that starts after the request, before it answers.
 */
class FreshRevocationCheckTest {

    private static final long NOW = System.currentTimeMillis() / 1000;

    /** token-service's denylist: what it has committed, and how many times it was read. */
    private static final class Source implements RevokedJtiSource {
        final Set<String> revoked = ConcurrentHashMap.newKeySet();
        final AtomicInteger reads = new AtomicInteger();
        volatile RuntimeException failure;
        volatile CountDownLatch gate = new CountDownLatch(0);
        /** Bumped by the test; each read records the value it saw when it started. */
        final AtomicLong clock = new AtomicLong();
        final List<Long> readStartedAt = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public RevokedJtis since(long sinceMillis) {
            // What was committed when the read started, as a database read sees it.
            List<RevokedJtis.Entry> entries = revoked.stream().map(jti -> new RevokedJtis.Entry(jti, NOW + 3600))
                    .toList();
            readStartedAt.add(clock.get());
            reads.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return new RevokedJtis(entries, System.currentTimeMillis());
        }
    }

    private final Source source = new Source();
    private final DenylistFreshness freshness =
            new DenylistFreshness(Duration.ofSeconds(5), Duration.ofSeconds(30), System::nanoTime);
    private final RevokedTokenRegistry registry = new RevokedTokenRegistry(freshness);
    private final RevocationPoller poller = new RevocationPoller(source, registry, freshness);

    private FreshRevocationCheck check(Duration timeout) {
        return new FreshRevocationCheck(poller::refresh, registry, timeout);
    }

    @Test
    void requireNotRevokedWhenRevokedAfterTheLastScheduledPollThenRefusedOnTheVeryNextCall() {
        FreshRevocationCheck check = check(Duration.ofSeconds(3));
        poller.poll();
        assertDoesNotThrow(() -> check.requireNotRevoked("jti-1", NOW));

        source.revoked.add("jti-1");

        OAuthException refused = assertThrows(OAuthException.class, () -> check.requireNotRevoked("jti-1", NOW));
        assertEquals(OAuthError.INVALID_TOKEN, refused.error());
        assertEquals(401, refused.status());
        assertDoesNotThrow(() -> check.requireNotRevoked("jti-2", NOW));
    }

    @Test
    void requireNotRevokedWhenTheDenylistCannotBeReadThenTemporarilyUnavailableWithRetryAfter() {
        FreshRevocationCheck check = check(Duration.ofSeconds(3));
        poller.poll();
        source.failure = new IllegalStateException("connection refused");

        OAuthException refused = assertThrows(OAuthException.class, () -> check.requireNotRevoked("jti-1", NOW));
        assertEquals(OAuthError.TEMPORARILY_UNAVAILABLE, refused.error());
        assertEquals(503, refused.status());
        assertEquals("5", refused.headers().get("Retry-After"));

        source.failure = null;
        assertDoesNotThrow(() -> check.requireNotRevoked("jti-1", NOW));
    }

    @Test
    void requireNotRevokedWhenTheReadHangsBeyondTheTimeoutThenTemporarilyUnavailableInTime() throws Exception {
        FreshRevocationCheck check = check(Duration.ofMillis(300));
        source.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The first caller runs the read (bounded in production by the REST client's timeouts) and it hangs.
            Future<?> runner = pool.submit(() -> {
                try {
                    check.requireNotRevoked("jti-1", NOW);
                } catch (OAuthException e) {
                    // Whatever it gets, the caller behind it must not wait for it.
                }
            });
            while (source.reads.get() == 0) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            Future<OAuthException> waiter = pool.submit(() ->
                    assertThrows(OAuthException.class, () -> check.requireNotRevoked("jti-1", NOW)));
            assertEquals(503, waiter.get(5, TimeUnit.SECONDS).status());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "answered near its deadline");
            source.gate.countDown();
            runner.get(5, TimeUnit.SECONDS);
        } finally {
            source.gate.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * Load adds at most one outstanding read per replica: callers that arrive while a read runs all share the one
     * read queued behind it, which starts after every one of them arrived.
     */
    @Test
    void requireNotRevokedWhenManyCallersAtOnceThenTheyShareOneReadThatStartedAfterThemAll() throws Exception {
        FreshRevocationCheck check = check(Duration.ofSeconds(10));
        source.gate = new CountDownLatch(1);
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers + 1);
        try {
            Future<?> first = pool.submit(() -> check.requireNotRevoked("jti-1", NOW));
            while (source.reads.get() == 0) {
                Thread.onSpinWait();
            }
            // The first read is under way; what is revoked now is only in the next one.
            source.clock.set(1);
            source.revoked.add("jti-1");
            CountDownLatch arrived = new CountDownLatch(callers);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    arrived.countDown();
                    try {
                        check.requireNotRevoked("jti-1", NOW);
                        return 200;
                    } catch (OAuthException e) {
                        return e.status();
                    }
                }));
            }
            assertTrue(arrived.await(5, TimeUnit.SECONDS));
            Thread.sleep(500);
            assertEquals(1, source.reads.get(), "no second read while the first runs");
            source.gate.countDown();
            first.get(5, TimeUnit.SECONDS);
            for (Future<Integer> answer : answers) {
                assertEquals(401, answer.get(5, TimeUnit.SECONDS), "refused by a read started after the call");
            }
            assertEquals(2, source.reads.get(), "32 callers, one shared read: " + source.readStartedAt);
            assertEquals(List.of(0L, 1L), source.readStartedAt);
        } finally {
            source.gate.countDown();
            pool.shutdownNow();
        }
    }
}
