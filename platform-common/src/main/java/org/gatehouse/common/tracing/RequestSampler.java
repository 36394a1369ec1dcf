package org.gatehouse.common.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Which traces are recorded (and, with a collector, exported). A request that comes with a {@code traceparent}
 * follows its sampled flag; a request that begins a trace here (a server span without a parent) is recorded with
 * probability {@code quarkus.otel.traces.sampler.arg} (Helm {@code tracing.samplerRatio}), decided from the trace id
 * (OpenTelemetry's {@code TraceIdRatioBased}). Work that begins a trace outside any request is not recorded: the
 * scheduled jobs' statements and sibling calls (the denylist poll every 2 s, the revocation outbox every second,
 * the cleanups) would outnumber the requests' traces. Their trace ids still reach the log lines and, not sampled,
 * the siblings they call, which then record nothing of them either.
 *
 * <p>Quarkus uses a {@link Sampler} bean instead of {@code quarkus.otel.traces.sampler} (and still drops the
 * management paths in front of it).
 */
@Singleton
public class RequestSampler implements Sampler {

    private final Sampler sampler;

    public RequestSampler(@ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1.0") double ratio) {
        Sampler requests = Sampler.traceIdRatioBased(ratio);
        this.sampler = Sampler.parentBased(new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                               Attributes attributes, List<LinkData> parentLinks) {
                return spanKind == SpanKind.SERVER
                        ? requests.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks)
                        : SamplingResult.drop();
            }

            @Override
            public String getDescription() {
                return "requests:" + requests.getDescription();
            }
        });
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        return sampler.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return sampler.getDescription();
    }
}
