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
        ConsumptionProbe probe = tryConsume(bucket, id, limit);
        long remaining = Math.max(0, probe.getRemainingTokens());
        return new RateLimit(probe.isConsumed(), limit.capacity(), remaining,
                RateLimit.seconds(probe.getNanosToWaitForReset()),
                Math.max(1, RateLimit.seconds(probe.getNanosToWaitForRefill())));
    }

    /**
     * Bucket4j batches the requests that arrive while one is in flight into one transaction. When the bucket's row
     * does not exist yet (or was deleted once full), the whole batch fails with {@link BucketNotFoundException}:
     * unlike a request sent alone, a batch carries no configuration to create the row from, and it leaves the
     * creation to the request that found the row missing on its own, whenever that one comes back. Merely trying the
     * batch again depends on that request's timing: a cold replica's first request on a busy machine came back after
     * its followers had tried three times, and the limiter admitted them without a token (10 of 60 on a login burst).
     * So a request whose batch found no row creates it itself, in a transaction of its own that locks the row
     * (concurrent creators wait for each other and create it once), then takes its token like any other.
     */
    private ConsumptionProbe tryConsume(BucketProxy bucket, String id, RouteLimit limit) {
        try {
            return bucket.tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (!bucketNotFound(e)) {
                throw e;
            }
        }
        buckets.builder()
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.ADDITIVE)
                .build(id, () -> configuration(limit))
                .getAvailableTokens();
        return bucket.tryConsumeAndReturnRemaining(1);
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

    /** The configuration a route's buckets are created with; overridable so a test can slow their creation down. */
    BucketConfiguration configuration(RouteLimit limit) {
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
