package org.gatehouse.common.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A burst of concurrent first requests from a subject nobody has seen (a fresh IP, client or account) must neither
 * fail (the rate limiter admits a request when its store fails) nor get past the capacity.
 */
class SharedBucketsConcurrencyTest {

    @RegisterExtension
    static final TestBucketTable BUCKETS = new TestBucketTable();

    private static final int CAPACITY = 5;
    private static final int BURST = 50;
    private static final Map<String, RouteLimit> LIMITS =
            Map.of("route", new RouteLimit(CAPACITY, Duration.ofHours(1), 1, Duration.ofSeconds(1)));

    @Test
    void consumeWhenFiftyConcurrentFirstRequestsThenNoFailureAndExactlyCapacityAdmitted() throws Exception {
        SharedBuckets buckets = new SharedBuckets(BUCKETS.dataSource(), TestBucketTable.NAME, LIMITS);
        for (int round = 0; round < 5; round++) {
            Burst burst = burst(buckets, UUID.randomUUID().toString());
            assertNoFailure(burst);
            assertEquals(CAPACITY, burst.admitted(), "admitted of " + BURST + " with a capacity of " + CAPACITY);
        }
    }

    /**
     * A cold replica's first burst on a busy machine (60 parallel sign-ins through the edge, load 20): Bucket4j lets
     * only the request that found the new bucket missing on its own create it, and that one came back late, after
     * the batches of the others had found no bucket three times; the limiter admitted those without a token (10 of
     * 60). The first request is held here between finding the bucket missing and creating it, as the scheduler or
     * the class loader held it there: the others must neither fail nor pass the capacity meanwhile.
     */
    @Test
    void consumeWhenTheFirstRequestIsSlowToCreateTheBucketThenConcurrentRequestsNeitherFailNorPassTheCapacity()
            throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        SharedBuckets buckets = new SharedBuckets(BUCKETS.dataSource(), TestBucketTable.NAME, LIMITS) {
            @Override
            BucketConfiguration configuration(RouteLimit limit) {
                if (first.getAndSet(false)) {
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.configuration(limit);
            }
        };
        Burst burst = burst(buckets, UUID.randomUUID().toString());
        assertNoFailure(burst);
        assertEquals(CAPACITY, burst.admitted(), "admitted of " + BURST + " with a capacity of " + CAPACITY);
        assertEquals(false, first.get(), "the first request did find the bucket missing and create it");
    }

    private record Burst(int admitted, List<String> failures) {
    }

    /** The rate limiter admits a request whose consume failed, as when its store is down. */
    private static void assertNoFailure(Burst burst) {
        assertEquals(0, burst.failures().size(), burst.failures().size() + " of " + BURST
                + " consumes failed, which the limiter would admit without a token: " + burst.failures().stream()
                .findFirst().orElse(""));
    }

    private static Burst burst(SharedBuckets buckets, String subject) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RateLimit>> results = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                Callable<RateLimit> call = () -> {
                    start.await();
                    return buckets.consume("route", subject);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int admitted = 0;
            List<String> failures = new ArrayList<>();
            for (Future<RateLimit> result : results) {
                try {
                    admitted += result.get(60, TimeUnit.SECONDS).admitted() ? 1 : 0;
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            return new Burst(admitted, failures);
        } finally {
            pool.shutdownNow();
        }
    }
}
