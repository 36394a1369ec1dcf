package org.gatehouse.common.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets kept in one PostgreSQL table that every replica of a service shares (Bucket4j's
 * select-for-update proxy manager), so a limit holds across replicas.
 *
 * <p>A round trip per request is avoided with Bucket4j's delaying optimization: each replica keeps a local copy of a
 * bucket (cached here) and admits or refuses from it, syncing what it consumed with PostgreSQL once it has admitted
 * {@link RouteLimit#syncTokens()} requests or {@link RouteLimit#syncInterval()} has passed, whichever comes first.
 * The price is a bounded overshoot: replicas that have not yet heard of each other's consumption may together admit up
 * to {@code (replicas - 1) × syncTokens} more than the capacity; what they admitted is then debited from the shared
 * bucket, so the overshoot is paid back. Refusals are answered locally too, so a flood costs no I/O.
 *
 * <p>A changed limit applies to buckets that already exist: each instance (one per service start) stamps its
 * configuration with a version later than any before it, and Bucket4j replaces a stored bucket's configuration when
 * it meets one older than that ({@code withImplicitConfigurationReplacement}). The tokens a bucket held are kept, plus
 * what a raised capacity adds, cut to a lowered one ({@link TokensInheritanceStrategy#ADDITIVE}): raising a limit
 * during an incident admits the waiting subjects at once. Replicas still running an older configuration draw on the
 * replaced bucket, so the most recently started configuration is the one every replica enforces.
 *
 * <p>Bucket ids are {@code route:SHA-256(subject)}: client input (an IP, client id or API key) is neither stored nor
 * able to bloat the key. Must be called outside a JTA transaction (Bucket4j commits its own JDBC transactions).
 */
public class SharedBuckets {

    /** Local copies of buckets held per replica; an evicted copy syncs again on its next use. */
    private static final long MAX_LOCAL_BUCKETS = 100_000;
    /** A full bucket's row is kept this long after it refilled, then it may be deleted ({@link #removeExpired}). */
    private static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(1);
    /** A consumption that found its bucket's row not yet created is tried again at most this often in all. */
    private static final int MAX_ATTEMPTS = 3;
    /** The last configuration version handed out in this JVM: versions stay increasing within a millisecond too. */
    private static final AtomicLong LAST_VERSION = new AtomicLong();

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Map<String, RouteLimit> limits;
    private final Cache<String, BucketProxy> local;
    private final long configurationVersion;

    public SharedBuckets(DataSource dataSource, String table, Map<String, RouteLimit> limits) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                .build();
        this.limits = Map.copyOf(limits);
        this.configurationVersion = nextConfigurationVersion();
        this.local = Caffeine.newBuilder()
                .maximumSize(MAX_LOCAL_BUCKETS)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /**
     * Takes one request from {@code subject}'s bucket on {@code route}.
     *
     * @throws IllegalArgumentException when the route has no configured limit (a deployment mistake)
     */
    public RateLimit consume(String route, String subject) {
        RouteLimit limit = limits.get(route);
        if (limit == null) {
            throw new IllegalArgumentException("No rate limit configured for route " + route);
        }
        String id = route + ":" + sha256(subject);
        BucketProxy bucket = local.get(id, key -> buckets.builder()
                .withOptimization(Optimizations.delaying(new DelayParameters(limit.syncTokens(), limit.syncInterval())))
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.ADDITIVE)
                .build(key, () -> configuration(limit)));
        ConsumptionProbe probe = tryConsume(bucket);
        long remaining = Math.max(0, probe.getRemainingTokens());
        return new RateLimit(probe.isConsumed(), limit.capacity(), remaining,
                RateLimit.seconds(probe.getNanosToWaitForReset()),
                Math.max(1, RateLimit.seconds(probe.getNanosToWaitForRefill())));
    }

    /**
     * Bucket4j batches requests that arrive while one is in flight; for a bucket whose row does not exist yet the
     * batched ones fail with {@link BucketNotFoundException} (the batch carries no configuration to create it), and
     * the limiter would admit them all: 49 of 50 concurrent first requests from a fresh IP. By the time they fail,
     * the first request has created the row, so trying again is answered from it.
     */
    private static ConsumptionProbe tryConsume(BucketProxy bucket) {
        for (int attempt = 1; ; attempt++) {
            try {
                return bucket.tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS || !bucketNotFound(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean bucketNotFound(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    public boolean hasRoute(String route) {
        return limits.containsKey(route);
    }

    /** Deletes up to {@code batchSize} rows of buckets that are full again; returns how many. */
    public int removeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }

    /** Milliseconds since the epoch at creation: a service started later carries a later version. */
    private static long nextConfigurationVersion() {
        return LAST_VERSION.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    private static BucketConfiguration configuration(RouteLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period())
                        .build())
                .build();
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
