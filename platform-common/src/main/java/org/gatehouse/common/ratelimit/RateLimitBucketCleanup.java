package org.gatehouse.common.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Deletes the rows of buckets that refilled and went unused, so the table holds only recently active subjects. */
@ApplicationScoped
public class RateLimitBucketCleanup {

    private static final Logger LOG = Logger.getLogger(RateLimitBucketCleanup.class);
    private static final int BATCH = 1000;

    private final RateLimiter limiter;
    private final RateLimitConfig config;

    public RateLimitBucketCleanup(RateLimiter limiter, RateLimitConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    @Scheduled(every = "${gatehouse.rate-limit.cleanup-every:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpiredBuckets() {
        if (config.routes().isEmpty()) {
            return;
        }
        try {
            int deleted;
            do {
                deleted = limiter.buckets().removeExpired(BATCH);
            } while (deleted == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("Rate limit bucket cleanup failed, retried next run: %s", e.getMessage());
        }
    }
}
