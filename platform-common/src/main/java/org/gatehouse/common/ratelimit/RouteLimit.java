package org.gatehouse.common.ratelimit;

import java.time.Duration;

/**
 * The limit of one route: {@code capacity} requests per {@code period} for each subject, refilled continuously.
 * A replica admits up to {@code syncTokens} requests from its local copy of a bucket, for at most
 * {@code syncInterval}, before it syncs with PostgreSQL.
 */
public record RouteLimit(long capacity, Duration period, long syncTokens, Duration syncInterval) {

    public RouteLimit {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs a positive capacity and period");
        }
        if (syncTokens < 1 || syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("A rate limit needs positive sync tokens and interval");
        }
    }

    static RouteLimit of(RateLimitConfig.Route route) {
        long syncTokens = route.syncTokens().orElse(Math.max(1, route.capacity() / 20));
        return new RouteLimit(route.capacity(), route.period(), syncTokens, route.syncInterval());
    }
}
