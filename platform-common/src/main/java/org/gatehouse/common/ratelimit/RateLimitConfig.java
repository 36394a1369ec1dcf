package org.gatehouse.common.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Request rate limits (prefix {@code gatehouse.rate-limit}): one token bucket per route and subject, kept in the
 * service's own schema so every replica draws on the same budget. Each service lists its routes with their limits in
 * its {@code application.properties} ({@code gatehouse.rate-limit.routes.<route>.capacity} and {@code .period}).
 */
@ConfigMapping(prefix = "gatehouse.rate-limit")
public interface RateLimitConfig {

    /** The bucket table, schema-qualified (created by the service's own Flyway migration). */
    @WithDefault("rate_limit_bucket")
    String table();

    /** How often buckets that have been full for a while are deleted. */
    @WithDefault("5m")
    String cleanupEvery();

    /** Limits by route name, e.g. {@code token-endpoint}. */
    Map<String, Route> routes();

    interface Route {

        /** Requests one subject may make in a burst; the bucket refills at {@code capacity} per {@link #period()}. */
        long capacity();

        Duration period();

        /**
         * Requests a replica may admit from its local copy of a bucket before it syncs with PostgreSQL. Bounds the
         * overshoot across replicas to {@code (replicas - 1) × syncTokens} per {@link #syncInterval()}. Default:
         * 5% of the capacity, at least 1.
         */
        OptionalLong syncTokens();

        /** The longest a replica works from its local copy of a bucket before syncing. */
        @WithDefault("1s")
        Duration syncInterval();
    }
}
