package org.gatehouse.common.revocation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The denylist failed open: a new replica enforced no revocation until its first successful poll, failures were logged
 * at DEBUG, and while token-service was unreachable nothing revoked after the last poll was refused.
 */
class DenylistFreshnessTest {

    private static final long SOURCE_NOW_MILLIS = 1_800_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DenylistFreshness freshness =
            new DenylistFreshness(Duration.ofSeconds(5), Duration.ofSeconds(30), nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void polledOnceWhenNoPollHasSucceededThenFalseUntilOneDoes() {
        assertFalse(freshness.polledOnce());
        freshness.pollFailed(new IllegalStateException("connection refused"), 0);
        assertFalse(freshness.polledOnce());
        freshness.polled(SOURCE_NOW_MILLIS);
        assertTrue(freshness.polledOnce());
        freshness.pollFailed(new IllegalStateException("connection refused"), 0);
        assertTrue(freshness.polledOnce(), "a later outage does not take readiness away");
    }

    @Test
    void ageSecondsWhenPollsFailThenGrowsFromTheLastSuccess() {
        freshness.polled(SOURCE_NOW_MILLIS);
        advance(Duration.ofSeconds(2));
        assertEquals(2, freshness.ageSeconds());
        advance(Duration.ofSeconds(40));
        assertEquals(42, freshness.ageSeconds());
        freshness.polled(SOURCE_NOW_MILLIS + 42_000);
        assertEquals(0, freshness.ageSeconds());
    }

    @Test
    void tooStaleForWhenPastTheBoundThenOnlyTokensIssuedAfterTheLastSuccessfulPollAreRefused() {
        long lastPoll = SOURCE_NOW_MILLIS / 1000;
        freshness.polled(SOURCE_NOW_MILLIS);
        advance(Duration.ofSeconds(29));
        assertFalse(freshness.tooStaleFor(lastPoll + 20), "within the bound every token is judged by the list");

        advance(Duration.ofSeconds(2));
        assertTrue(freshness.tooStaleFor(lastPoll + 20), "issued after the last successful poll");
        assertTrue(freshness.tooStaleFor(lastPoll + 1));
        assertFalse(freshness.tooStaleFor(lastPoll), "issued before it: that poll covered it");
        assertFalse(freshness.tooStaleFor(lastPoll - 600));

        freshness.polled(SOURCE_NOW_MILLIS + 31_000);
        assertFalse(freshness.tooStaleFor(lastPoll + 20), "current again");
    }

    @Test
    void tooStaleForWhenNoPollEverSucceededPastTheBoundThenEveryTokenIsRefused() {
        assertFalse(freshness.tooStaleFor(0), "a starting replica is not ready; it does not refuse yet");
        advance(Duration.ofSeconds(31));
        assertTrue(freshness.tooStaleFor(0));
        assertTrue(freshness.tooStaleFor(SOURCE_NOW_MILLIS / 1000));
    }

    @Test
    void pollFailedWhenStaleThenWarnsOnceAMinuteAndInfoOnRecovery() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(DenylistFreshness.class.getName());
        logger.addHandler(capture);
        try {
            freshness.polled(SOURCE_NOW_MILLIS);
            advance(Duration.ofSeconds(2));
            freshness.pollFailed(new IllegalStateException("connection refused"), 3);
            assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                    "one failed poll within the contract's 5 s is not stale");

            for (int i = 0; i < 10; i++) {
                advance(Duration.ofSeconds(2));
                freshness.pollFailed(new IllegalStateException("connection refused"), 3);
            }
            List<LogRecord> warnings = records.stream()
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(1, warnings.size(), "one WARN, not one per poll");

            advance(Duration.ofSeconds(60));
            freshness.pollFailed(new IllegalStateException("connection refused"), 3);
            assertEquals(2, records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).count());

            freshness.polled(SOURCE_NOW_MILLIS + 90_000);
            assertEquals(Level.INFO.intValue(), records.get(records.size() - 1).getLevel().intValue());
        } finally {
            logger.removeHandler(capture);
        }
    }
}
