package org.gatehouse.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The replica's readiness as the gauge {@code gatehouse_ready} (1 ready, 0 not), read from the same checks as
 * {@code /q/health/ready} at each scrape (Prometheus scrapes on a worker thread, so the database check may block), so
 * an alert can say which replica is out of its Service and for how long: the kubelet's probes leave no series.
 */
@ApplicationScoped
public class ReadinessGauge {

    static final String NAME = "gatehouse.ready";

    void register(@Observes StartupEvent event, MeterRegistry meters, SmallRyeHealthReporter health) {
        Gauge.builder(NAME, health, reporter -> reporter.getReadiness().isDown() ? 0 : 1)
                .description("1 while this replica is ready (every readiness check up), 0 while it is not")
                .strongReference(true)
                .register(meters);
    }
}
