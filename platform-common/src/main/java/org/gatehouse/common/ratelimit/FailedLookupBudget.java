package org.gatehouse.common.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A per-IP budget of unauthenticated lookups that found nothing: a random {@code client_id} or API-key id costs a
 * call to registration-service and a query before any credential is checked, so a caller that keeps naming things
 * that do not exist is refused with 429 before the next such call, while other callers are untouched. Kept in this
 * replica's memory (no I/O on the path it protects); each replica grants the budget once. Calls between services
 * ({@code /internal/}) and work outside a request are never counted.
 */
@ApplicationScoped
public class FailedLookupBudget {

    private final FailedLookupConfig config;
    private final CurrentVertxRequest currentRequest;
    private final Cache<String, Bucket> buckets;

    public FailedLookupBudget(FailedLookupConfig config, CurrentVertxRequest currentRequest) {
        this.config = config;
        this.currentRequest = currentRequest;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.trackedAddresses())
                // A bucket untouched for a whole period has refilled: forgetting it changes nothing.
                .expireAfterAccess(config.period())
                .build();
    }

    /**
     * Runs an unauthenticated lookup within the caller's budget: refused at once when it is used up, and an empty
     * answer spends one unit of it.
     */
    public <T> Optional<T> lookUp(Supplier<Optional<T>> lookup) {
        admit();
        Optional<T> found = lookup.get();
        if (found.isEmpty()) {
            recordFailure();
        }
        return found;
    }

    /**
     * Before a lookup that costs a sibling call: refuses the request when its caller has used up the budget.
     *
     * @throws OAuthException 429 {@code rate_limited} with {@code Retry-After}
     */
    public void admit() {
        String ip = callerIp();
        Bucket bucket = ip == null ? null : buckets.getIfPresent(ip);
        if (bucket != null && bucket.getAvailableTokens() <= 0) {
            long waitNanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
            throw new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                    "Too many requests naming unknown clients or keys; retry after " + retryAfter + " seconds",
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /** After a lookup found nothing: spends one unit of the caller's budget. */
    public void recordFailure() {
        String ip = callerIp();
        if (ip != null) {
            buckets.get(ip, key -> newBucket()).tryConsume(1);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.capacity())
                        .refillGreedy(config.capacity(), config.period()).build())
                .build();
    }

    /** The public caller's IP, or null when there is no request or it comes from a sibling. */
    private String callerIp() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive() || currentRequest == null) {
            return null;
        }
        RoutingContext context = currentRequest.getCurrent();
        if (context == null || context.request().path() == null
                || context.request().path().startsWith("/internal/")) {
            return null;
        }
        return ClientIp.of(context.request());
    }
}
