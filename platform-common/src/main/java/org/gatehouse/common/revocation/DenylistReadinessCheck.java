package org.gatehouse.common.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready before the first successful denylist poll: a new replica that has never read the denylist would admit
 * every revoked token until it does. Later outages of the feed do not turn readiness off (every replica would leave
 * the load balancer at once); {@link DenylistFreshness} handles them.
 */
@Readiness
@ApplicationScoped
public class DenylistReadinessCheck implements HealthCheck {

    private final DenylistFreshness freshness;

    public DenylistReadinessCheck(DenylistFreshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revoked-token-denylist")
                .status(freshness.polledOnce())
                .withData("age_seconds", freshness.ageSeconds())
                .build();
    }
}
