package org.gatehouse.common.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Finished spans go nowhere until an OTLP endpoint is configured. Tracing itself stays on without one: each request
 * gets a trace and span id (in every log line's MDC, {@code traceId}/{@code spanId}), an incoming W3C
 * {@code traceparent} is continued and passed on to siblings. Only the export is off.
 *
 * <p>Quarkus builds its OTLP exporter in at build time and, with no endpoint set, sends every batch to its default
 * {@value #QUARKUS_DEFAULT_ENDPOINT} (nothing listens there in a pod) and logs each failure; an empty endpoint falls
 * back to that default. It leaves its OTLP exporter out whenever a {@link SpanExporter} bean can be looked up, so this
 * no-op one can be looked up only while {@code quarkus.otel.exporter.otlp.traces.endpoint} (which falls back to
 * {@code quarkus.otel.exporter.otlp.endpoint}, then to the default) is that default. The Helm value
 * {@code tracing.otlpEndpoint} sets it; a collector on the pod's loopback is {@code http://localhost:4317}.
 */
@Singleton
public class SpanExportWithoutCollector {

    static final String QUARKUS_DEFAULT_ENDPOINT = "http://localhost:4317/";

    @Produces
    @Singleton
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = QUARKUS_DEFAULT_ENDPOINT,
            lookupIfMissing = true)
    SpanExporter dropFinishedSpans() {
        return SpanExporter.composite();
    }
}
