package org.gatehouse.token.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.gatehouse.token.issue.SigningKeys;

/** Ready only once an active signing key is in memory: before that the replica cannot issue tokens. */
@Readiness
@ApplicationScoped
public class SigningKeyHealthCheck implements HealthCheck {

    private final SigningKeys signingKeys;

    public SigningKeyHealthCheck(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("signing-key")
                .status(signingKeys.isReady())
                .withData("published", signingKeys.publishedKids().size());
        signingKeys.activeKid().ifPresent(kid -> response.withData("active_kid", kid));
        return response.build();
    }
}
