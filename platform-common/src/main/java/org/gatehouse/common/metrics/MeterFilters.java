package org.gatehouse.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * How every service's meters reach Prometheus: each carries {@code application} (the service's name), so a dashboard
 * tells the four apart however the scraper labels its targets; and the latency timers (requests served, sibling
 * calls, gatehouse's own timers) publish histogram buckets at fixed service-level objectives, from which Prometheus
 * computes p95/p99 across replicas ({@code histogram_quantile}). Fixed buckets rather than Micrometer's percentile
 * histogram: a dozen series per endpoint instead of seventy.
 */
public class MeterFilters {

    /** The bucket bounds of every latency histogram; a latency budget should be one of them. */
    public static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private static final double[] LATENCY_BUCKET_NANOS = Stream.of(LATENCY_BUCKETS)
            .mapToDouble(Duration::toNanos).toArray();

    @Produces
    @Singleton
    MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of("application", application));
    }

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !isLatency(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(LATENCY_BUCKET_NANOS)
                        .build()
                        .merge(config);
            }
        };
    }

    static boolean isLatency(String meterName) {
        return meterName.equals("http.server.requests") || meterName.equals("http.client.requests")
                || meterName.startsWith("gatehouse.");
    }
}
