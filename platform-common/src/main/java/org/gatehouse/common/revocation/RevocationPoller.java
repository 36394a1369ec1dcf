package org.gatehouse.resource.revocation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.resource.remote.RevokedJtis;
import org.gatehouse.resource.remote.TokenGateway;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Pulls the denylist from token-service every couple of seconds so a revoked token is refused within 5 s
 * (ARCHITECTURE.md "Introspection"). When token-service is down the last known list stays in force.
 */
@ApplicationScoped
public class RevocationPoller {

    private static final Logger LOG = Logger.getLogger(RevocationPoller.class);
    /** Re-read a little of the past each time: a revocation committed late must not slip between polls. */
    private static final long OVERLAP_MILLIS = 5_000;

    private final TokenGateway tokenGateway;
    private final RevokedTokenRegistry registry;
    private volatile long sinceMillis;

    public RevocationPoller(TokenGateway tokenGateway, RevokedTokenRegistry registry) {
        this.tokenGateway = tokenGateway;
        this.registry = registry;
    }

    @Scheduled(every = "${resource.revocation-poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            RevokedJtis page = tokenGateway.revokedSince(sinceMillis);
            registry.addAll(page.jtis());
            sinceMillis = Math.max(0, page.now() - OVERLAP_MILLIS);
        } catch (RuntimeException e) {
            LOG.debugf("Revocation poll failed, keeping %d known revocations: %s", registry.size(), e.getMessage());
        }
        registry.purgeExpiredBefore(Instant.now().getEpochSecond());
    }
}
