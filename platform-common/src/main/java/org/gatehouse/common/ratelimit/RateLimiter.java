package org.gatehouse.common.ratelimit;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enforces the configured per-route request limits ({@link RateLimitConfig}) on the {@link SharedBuckets} of this
 * service's schema. Over the limit a request is refused with 429 {@code rate_limited}, {@code Retry-After} and the
 * {@code RateLimit-*} headers (RFC 6585 §4); admitted requests get the {@code RateLimit-*} headers on their answer
 * ({@link RateLimitHeadersFilter}). Call it on a worker thread (it may sync with PostgreSQL).
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final SharedBuckets buckets;
    private final RateLimitOutcome outcome;

    public RateLimiter(DataSource dataSource, RateLimitConfig config, RateLimitOutcome outcome) {
        Map<String, RouteLimit> limits = new LinkedHashMap<>();
        config.routes().forEach((route, limit) -> limits.put(route, RouteLimit.of(limit)));
        this.buckets = new SharedBuckets(dataSource, config.table(), limits);
        this.outcome = outcome;
    }

    /**
     * Counts one request of {@code subject} (a client id, IP, account or API key) on {@code route}.
     *
     * @throws OAuthException 429 {@code rate_limited} when the subject has used up its limit
     */
    public void enforce(String route, String subject) {
        RateLimit limit;
        try {
            // Bucket4j commits its own JDBC transactions: a caller's transaction is set aside meanwhile.
            limit = QuarkusTransaction.isActive()
                    ? QuarkusTransaction.suspendingExisting().call(() -> buckets.consume(route, subject))
                    : buckets.consume(route, subject);
        } catch (IllegalArgumentException unknownRoute) {
            throw unknownRoute;
        } catch (RuntimeException storeUnavailable) {
            // Fail open: with PostgreSQL unreachable the request fails on its own data soon enough, and a limiter
            // outage must not turn every request away.
            LOG.warnf("Rate limit store unavailable, request on %s admitted: %s", route, storeUnavailable.getMessage());
            return;
        }
        if (Arc.container().requestContext().isActive()) {
            outcome.record(limit);
        }
        if (!limit.admitted()) {
            throw new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                    "Too many requests; retry after " + limit.retryAfterSeconds() + " seconds", limit.headers());
        }
    }

    /** Whether this service configured a limit for {@code route}. */
    public boolean limits(String route) {
        return buckets.hasRoute(route);
    }

    SharedBuckets buckets() {
        return buckets;
    }
}
