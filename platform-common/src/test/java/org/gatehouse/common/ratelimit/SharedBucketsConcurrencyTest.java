package org.gatehouse.common.ratelimit;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of concurrent first requests from a subject nobody has seen (a fresh IP or client) must neither fail —
 * the rate limiter admits on a store failure — nor get past the capacity.
 */
class SharedBucketsConcurrencyTest {

    @RegisterExtension
    static final TestBucketTable BUCKETS = new TestBucketTable();

    @Test
    void consumeWhenFiftyConcurrentFirstRequestsThenNoFailureAndAtMostCapacityAdmitted() throws Exception {
        SharedBuckets buckets = new SharedBuckets(BUCKETS.dataSource(), TestBucketTable.NAME,
                Map.of("route", new RouteLimit(5, Duration.ofHours(1), 1, Duration.ofSeconds(1))));
        String subject = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RateLimit>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
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
            assertEquals(List.of(), failures, "consume failed (the limiter would admit these)");
            assertTrue(admitted >= 1 && admitted <= 5, admitted + " of 50 admitted with a capacity of 5");
        } finally {
            pool.shutdownNow();
        }
    }
}
