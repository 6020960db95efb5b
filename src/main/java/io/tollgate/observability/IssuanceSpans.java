package io.tollgate.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The issuer's span, {@code tollgate.issuance}: one per token request of a dialect, child of the
 * server span, with {@value TollgateSpans#DIALECT}, and once decided {@value TollgateSpans#OUTCOME}
 * ({@code issued} with {@value TollgateSpans#FLOW}, or {@code refused} with {@value
 * TollgateSpans#CODE}), set by the same calls that count the outcome ({@link IssuedTokens}, {@link
 * IssuanceRefusal}). Nothing from the request itself: no credential, no account name.
 *
 * <p>With traces off ({@link #off()}) a handler is left as it is and recording an outcome returns at
 * once: no observation, no context lookup.
 */
public final class IssuanceSpans {

    private static final String NAME = "tollgate.issuance";

    private final ObservationRegistry registry;
    private final boolean tracing;

    private IssuanceSpans(ObservationRegistry registry, boolean tracing) {
        this.registry = registry;
        this.tracing = tracing;
    }

    /** Spans observed through {@code registry}, whose tracing handler exports them. */
    public static IssuanceSpans on(ObservationRegistry registry) {
        return new IssuanceSpans(registry, true);
    }

    public static IssuanceSpans off() {
        return new IssuanceSpans(ObservationRegistry.NOOP, false);
    }

    /** {@code handler} inside an issuance span of {@code dialect}; {@code handler} itself when traces are off. */
    public HandlerFunction<ServerResponse> traced(HandlerFunction<ServerResponse> handler, String dialect) {
        if (!tracing) {
            return handler;
        }
        return request -> Mono.deferContextual(context -> {
            Observation span = Observation.createNotStarted(TollgateSpans.ISSUANCE, registry)
                    .contextualName(NAME)
                    .parentObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
                    .highCardinalityKeyValue(TollgateSpans.DIALECT, dialect)
                    .start();
            return handler.handle(request)
                    .doFinally(signal -> span.stop())
                    .contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, span));
        });
    }

    void issued(String flow) {
        tag(TollgateSpans.FLOW, flow, "issued");
    }

    void refused(String code) {
        tag(TollgateSpans.CODE, code, "refused");
    }

    /**
     * Tags the issuance span of the request being served, which the Reactor context restores on the
     * current thread while traces are on ({@code spring.reactor.context-propagation=auto}).
     */
    private void tag(String key, String value, String outcome) {
        if (!tracing) {
            return;
        }
        Observation current = registry.getCurrentObservation();
        if (current != null && TollgateSpans.ISSUANCE.equals(current.getContext().getName())) {
            current.highCardinalityKeyValue(key, value).highCardinalityKeyValue(TollgateSpans.OUTCOME, outcome);
        }
    }
}
