package org.gatehouse.token.issue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gatehouse.token.config.TokenConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The signing-key schedule of each ring as this replica last loaded it, per {@code algorithm}:
 * {@code gatehouse_signing_key_age_seconds} (since the ACTIVE key took over), {@code
 * gatehouse_signing_key_next_rotation_seconds} (until the NEXT key is due to; negative once overdue) and the
 * configured {@code gatehouse_signing_key_rotation_period_seconds}, so an alert sees a rotation that stopped
 * happening without knowing the period. NaN before the keys are loaded.
 */
@ApplicationScoped
public class SigningKeyMetrics {

    static final String AGE = "gatehouse.signing.key.age";
    static final String NEXT_ROTATION = "gatehouse.signing.key.next.rotation";
    static final String ROTATION_PERIOD = "gatehouse.signing.key.rotation.period";

    void register(@Observes StartupEvent event, MeterRegistry meters, SigningKeys keys, TokenConfig config) {
        double period = config.signingKey().rotationPeriod().toSeconds();
        Gauge.builder(ROTATION_PERIOD, () -> period)
                .description("token.signing-key.rotation-period: how long a key signs before the next takes over")
                .baseUnit("seconds")
                .register(meters);
        for (SigningAlgorithm algorithm : keys.algorithms()) {
            gauge(meters, keys, algorithm, AGE, "Seconds since the ACTIVE signing key of this algorithm took over",
                    schedule -> Optional.of(Duration.between(schedule.activeSince(), Instant.now())));
            gauge(meters, keys, algorithm, NEXT_ROTATION,
                    "Seconds until the NEXT signing key of this algorithm is due to take over (negative: overdue)",
                    schedule -> Optional.ofNullable(schedule.nextActivationAt())
                            .map(due -> Duration.between(Instant.now(), due)));
        }
    }

    private static void gauge(MeterRegistry meters, SigningKeys keys, SigningAlgorithm algorithm, String name,
                              String description, Function<SigningKeys.Schedule, Optional<Duration>> value) {
        Gauge.builder(name, keys, source -> source.schedule(algorithm).flatMap(value)
                        .map(duration -> duration.toMillis() / 1000.0).orElse(Double.NaN))
                .description(description)
                .tag("algorithm", algorithm.name())
                .strongReference(true)
                .baseUnit("seconds")
                .register(meters);
    }
}
