package org.gatehouse.common.revocation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Pulls the denylist from the service's {@link RevokedJtiSource} every couple of seconds, so a revoked token is
 * refused within 5 s everywhere (ARCHITECTURE.md "Introspection"). When the source is unreachable the last known
 * list stays in force, and {@link DenylistFreshness} judges what the ageing list can still vouch for.
 */
@ApplicationScoped
public class RevocationPoller {

    /** Re-read a little of the past each time: a revocation committed late must not slip between polls. */
    private static final long OVERLAP_MILLIS = 5_000;

    private final RevokedJtiSource source;
    private final RevokedTokenRegistry registry;
    private final DenylistFreshness freshness;
    private volatile long sinceMillis;

    public RevocationPoller(RevokedJtiSource source, RevokedTokenRegistry registry, DenylistFreshness freshness) {
        this.source = source;
        this.registry = registry;
        this.freshness = freshness;
    }

    /** Scheduled, and called at once by a service that has just revoked (safe alongside a scheduled run). */
    @Scheduled(identity = "revoked-jti-poll", every = "${gatehouse.revocation-poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void poll() {
        refresh();
    }

    /** One poll, now; whether it read the source ({@link FreshRevocationCheck} must know). */
    boolean refresh() {
        boolean read;
        try {
            RevokedJtis page = source.since(sinceMillis);
            registry.addAll(page.jtis());
            sinceMillis = Math.max(0, page.now() - OVERLAP_MILLIS);
            freshness.polled(page.now());
            read = true;
        } catch (RuntimeException e) {
            freshness.pollFailed(e, registry.size());
            read = false;
        }
        registry.purgeExpiredBefore(Instant.now().getEpochSecond());
        return read;
    }
}
