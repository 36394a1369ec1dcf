package org.gatehouse.common.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link RequestSampler} records: requests at the ratio, their parts as the parent says, background work never. */
class RequestSamplerTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void shouldSampleWhenARequestBeginsATraceThenRecordedAtRatioOneAndNotAtZero() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(new RequestSampler(1.0), Context.root(), SpanKind.SERVER));
        assertEquals(SamplingDecision.DROP, decide(new RequestSampler(0.0), Context.root(), SpanKind.SERVER));
    }

    @Test
    void shouldSampleWhenScheduledWorkBeginsATraceWithAStatementOrSiblingCallThenNotRecorded() {
        RequestSampler sampler = new RequestSampler(1.0);
        assertEquals(SamplingDecision.DROP, decide(sampler, Context.root(), SpanKind.CLIENT));
        assertEquals(SamplingDecision.DROP, decide(sampler, Context.root(), SpanKind.INTERNAL));
    }

    @Test
    void shouldSampleWhenTheParentSaysSampledOrNotThenThatWhateverTheRatioOrKind() {
        Context sampled = parent(TraceFlags.getSampled());
        Context notSampled = parent(TraceFlags.getDefault());
        for (SpanKind kind : List.of(SpanKind.SERVER, SpanKind.CLIENT)) {
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(new RequestSampler(0.0), sampled, kind), kind.name());
            assertEquals(SamplingDecision.DROP, decide(new RequestSampler(1.0), notSampled, kind), kind.name());
        }
    }

    private static SamplingDecision decide(RequestSampler sampler, Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE_ID, "span", kind, Attributes.empty(), List.of()).getDecision();
    }

    private static Context parent(TraceFlags flags) {
        SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7", flags, TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }
}
