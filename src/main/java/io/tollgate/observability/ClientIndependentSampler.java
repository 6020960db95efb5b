package io.tollgate.observability;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Samples a trace that starts at Tollgate, or that a client's {@code traceparent} continues, with a
 * fixed probability drawn here, so that no client can decide what Tollgate records and exports:
 * neither by the {@code sampled} flag it sends (W3C Trace Context leaves the callee free to decide,
 * and warns that a public service that follows it can be made to trace every request), nor by the
 * trace id it chooses (OpenTelemetry's {@code TraceIdRatioBased} decides on the trace id's low
 * bytes, which the client wrote). The spans Tollgate starts inside a request follow that request's
 * decision ({@link #edge}).
 */
final class ClientIndependentSampler implements Sampler {

    private final double probability;

    private ClientIndependentSampler(double probability) {
        this.probability = probability;
    }

    /**
     * Tollgate's sampler: this draw for a trace without a parent and for a client's (a remote
     * parent, sampled or not), the parent's decision for a span inside Tollgate.
     */
    static Sampler edge(double probability) {
        Sampler draw = new ClientIndependentSampler(probability);
        return Sampler.parentBasedBuilder(draw)
                .setRemoteParentSampled(draw)
                .setRemoteParentNotSampled(draw)
                .build();
    }

    @Override
    public SamplingResult shouldSample(
            Context parentContext,
            String traceId,
            String name,
            SpanKind spanKind,
            Attributes attributes,
            List<LinkData> parentLinks) {
        return ThreadLocalRandom.current().nextDouble() < probability
                ? SamplingResult.recordAndSample()
                : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "ClientIndependentSampler{" + probability + "}";
    }
}
