package org.gatehouse.common.ratelimit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@link SharedBuckets} on one PostgreSQL table stand for two replicas: they must share one budget, with at most
 * the documented overshoot of {@code syncTokens} per other replica.
 */
class SharedBucketsTest {

    @RegisterExtension
    static final TestBucketTable BUCKETS = new TestBucketTable();

    private static SharedBuckets replica(long capacity, long syncTokens) {
        return new SharedBuckets(BUCKETS.dataSource(), TestBucketTable.NAME,
                Map.of("route", new RouteLimit(capacity, Duration.ofHours(1), syncTokens, Duration.ofSeconds(1))));
    }

    @Test
    void consumeWhenOneReplicaThenExactlyCapacityAdmittedWithRemainingCountingDown() {
        SharedBuckets buckets = replica(5, 1);
        String subject = UUID.randomUUID().toString();
        for (long expectedRemaining = 4; expectedRemaining >= 0; expectedRemaining--) {
            RateLimit limit = buckets.consume("route", subject);
            assertTrue(limit.admitted());
            assertEquals(5, limit.limit());
            assertEquals(expectedRemaining, limit.remaining());
        }
        RateLimit refused = buckets.consume("route", subject);
        assertFalse(refused.admitted());
        assertEquals(0, refused.remaining());
        // One request's worth of an hour's refill of 5: 12 minutes.
        assertTrue(refused.retryAfterSeconds() > 700 && refused.retryAfterSeconds() <= 720, refused.toString());
        assertTrue(buckets.consume("route", UUID.randomUUID().toString()).admitted(), "another subject is unaffected");
    }

    @Test
    void consumeWhenTwoReplicasThenTheyShareOneBudget() {
        SharedBuckets first = replica(10, 1);
        SharedBuckets second = replica(10, 1);
        String subject = UUID.randomUUID().toString();
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            if ((i % 2 == 0 ? first : second).consume("route", subject).admitted()) {
                admitted++;
            }
        }
        // Alone, each replica would admit 10: together they admit 10, plus at most 1 (syncTokens) for the other replica.
        assertTrue(admitted >= 10 && admitted <= 11, "admitted " + admitted);
        assertFalse(first.consume("route", subject).admitted());
        assertFalse(second.consume("route", subject).admitted());
    }

    @Test
    void consumeWhenReplicasSyncInBatchesThenOvershootStaysWithinSyncTokens() {
        SharedBuckets first = replica(40, 5);
        SharedBuckets second = replica(40, 5);
        SharedBuckets third = replica(40, 5);
        SharedBuckets[] replicas = {first, second, third};
        String subject = UUID.randomUUID().toString();
        int admitted = 0;
        for (int i = 0; i < 120; i++) {
            if (replicas[i % 3].consume("route", subject).admitted()) {
                admitted++;
            }
        }
        // (replicas - 1) x syncTokens = 10 at most over the capacity of 40.
        assertTrue(admitted >= 40 && admitted <= 50, "admitted " + admitted);
    }

    /**
     * A raised limit that does not take effect: a bucket stored in PostgreSQL kept the capacity it was created with,
     * so an operator who raised a limit and restarted still got 429 until the bucket expired.
     */
    @Test
    void consumeWhenCapacityRaisedBetweenTwoStartsThenTheNewCapacityHolds() {
        String subject = UUID.randomUUID().toString();
        SharedBuckets firstStart = replica(2, 1);
        assertTrue(firstStart.consume("route", subject).admitted());
        assertTrue(firstStart.consume("route", subject).admitted());
        assertFalse(firstStart.consume("route", subject).admitted());

        SharedBuckets secondStart = replica(5, 1);
        // The three requests the raise added are admitted at once, then the new capacity of 5 holds.
        for (int i = 0; i < 3; i++) {
            RateLimit limit = secondStart.consume("route", subject);
            assertTrue(limit.admitted(), "request " + i + " after the raise: " + limit);
            assertEquals(5, limit.limit());
        }
        assertFalse(secondStart.consume("route", subject).admitted());
    }

    @Test
    void consumeWhenCapacityLoweredBetweenTwoStartsThenTheNewCapacityHolds() {
        String subject = UUID.randomUUID().toString();
        assertTrue(replica(10, 1).consume("route", subject).admitted());

        SharedBuckets secondStart = replica(2, 1);
        assertTrue(secondStart.consume("route", subject).admitted());
        assertTrue(secondStart.consume("route", subject).admitted());
        assertFalse(secondStart.consume("route", subject).admitted(), "9 tokens left of 10 are cut to the new 2");
    }

    @Test
    void consumeWhenAReplicaStartsWithARaisedCapacityThenTheReplicaStillRunningFollowsIt() {
        String subject = UUID.randomUUID().toString();
        SharedBuckets running = replica(2, 1);
        assertTrue(running.consume("route", subject).admitted());
        assertTrue(running.consume("route", subject).admitted());
        assertFalse(running.consume("route", subject).admitted());

        SharedBuckets restarted = replica(6, 1);
        assertTrue(restarted.consume("route", subject).admitted());
        // The bucket now holds the new configuration (3 left of 6); the replica still running with the old one
        // draws on it rather than putting its own back.
        int admitted = 0;
        for (int i = 0; i < 6; i++) {
            if ((i % 2 == 0 ? running : restarted).consume("route", subject).admitted()) {
                admitted++;
            }
        }
        assertTrue(admitted >= 3 && admitted <= 4, "admitted " + admitted);
        assertFalse(running.consume("route", subject).admitted());
        assertFalse(restarted.consume("route", subject).admitted());
    }

    @Test
    void consumeWhenHotSubjectThenMostRequestsAreAnsweredWithoutARoundTrip() throws SQLException {
        AtomicInteger roundTrips = new AtomicInteger();
        DataSource counting = countingConnections(roundTrips);
        SharedBuckets buckets = new SharedBuckets(counting, TestBucketTable.NAME,
                Map.of("route", new RouteLimit(100_000, Duration.ofMinutes(1), 50, Duration.ofSeconds(1))));
        String subject = UUID.randomUUID().toString();
        long[] nanos = new long[2_000];
        long start = System.nanoTime();
        for (int i = 0; i < nanos.length; i++) {
            long before = System.nanoTime();
            assertTrue(buckets.consume("route", subject).admitted());
            nanos[i] = System.nanoTime() - before;
        }
        long micros = (System.nanoTime() - start) / 1000;
        double seconds = micros / 1_000_000.0;
        Arrays.sort(nanos);
        // One sync per 50 admitted requests, plus one per second elapsed (the sync interval), plus creating the row
        // (two connections: the first finds no row to lock and inserts it).
        int bound = 2_000 / 50 + (int) Math.ceil(seconds) + 2;
        System.out.printf("SharedBuckets: 2000 requests on one hot subject, %d round trips to PostgreSQL (bound %d); "
                + "per request median %.1f us, p99 %.1f us, mean %.1f us%n", roundTrips.get(), bound,
                nanos[1_000] / 1000.0, nanos[1_980] / 1000.0, micros / 2000.0);
        assertTrue(roundTrips.get() <= bound, roundTrips.get() + " round trips");
    }

    private static DataSource countingConnections(AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(BUCKETS.dataSource(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void consumeWhenSubjectIsLongClientInputThenStoredOnlyAsBoundedHash() throws SQLException {
        SharedBuckets buckets = replica(3, 1);
        String hostile = "x".repeat(10_000) + "'; DROP TABLE limits.rate_limit_bucket; --";
        assertTrue(buckets.consume("route", hostile).admitted());
        try (Connection connection = BUCKETS.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(length(id)) FROM " + TestBucketTable.NAME)) {
            rows.next();
            assertTrue(rows.getInt(1) <= 64, "ids are route:sha256");
        }
    }
}
