package io.tollgate.gateway;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.tollgate.observability.TollgateSpans;
import io.tollgate.validation.ValidationResult;
import io.tollgate.validation.ValidationService;
import java.util.function.BiFunction;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * The guard's span, {@code tollgate.guard}: one per decision of {@link Guard}, child of the
 * request's server span, with the scheme the credential came in, the configured id of its issuer,
 * whether the verdict caches held its verdict ({@code hit}) or it was verified ({@code miss}), and
 * the verdict's outcome and reason, the labels of {@code tollgate_validations_total}. Never the
 * token, nor anything read from it but the issuer's configured id.
 *
 * <p>With traces off ({@link #off()}) {@link Guard} decides without it: no observation, no extra
 * look into the caches.
 */
public final class GuardSpans {

    private static final String NAME = "tollgate.guard";

    private final ObservationRegistry registry;
    private final ValidationService validation;
    private final boolean tracing;

    private GuardSpans(ObservationRegistry registry, ValidationService validation, boolean tracing) {
        this.registry = registry;
        this.validation = validation;
        this.tracing = tracing;
    }

    public static GuardSpans on(ObservationRegistry registry, ValidationService validation) {
        return new GuardSpans(registry, validation, true);
    }

    public static GuardSpans off() {
        return new GuardSpans(ObservationRegistry.NOOP, null, false);
    }

    boolean tracing() {
        return tracing;
    }

    /** {@code decide}'s decision on {@code request} under {@code policy}, inside a guard span. */
    Mono<GuardDecision> traced(
            ServerHttpRequest request,
            RoutePolicy policy,
            BiFunction<ServerHttpRequest, RoutePolicy, Mono<GuardDecision>> decide) {
        return Mono.deferContextual(context -> {
            PresentedToken presented = policy.auth() == AuthMode.NONE
                    ? PresentedToken.MISSING
                    : TokenExtractor.extract(request.getHeaders(), policy.schemes());
            String token = presented.token();
            ValidationResult cached = token == null ? null : validation.cached(token);
            Observation span = Observation.createNotStarted(TollgateSpans.GUARD, registry)
                    .contextualName(NAME)
                    .parentObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
                    .highCardinalityKeyValue(TollgateSpans.SCHEME, presented.scheme().tag())
                    .start();
            if (token != null) {
                span.highCardinalityKeyValue(TollgateSpans.CACHE, cached != null ? "hit" : "miss");
            }
            return decide.apply(request, policy)
                    .doOnNext(decision -> span
                            .highCardinalityKeyValue(TollgateSpans.ISSUER, issuer(decision, token, cached))
                            .highCardinalityKeyValue(TollgateSpans.OUTCOME, decision.verdict().outcome())
                            .highCardinalityKeyValue(TollgateSpans.REASON, decision.verdict().reason()))
                    .doFinally(signal -> span.stop());
        });
    }

    /**
     * The configured id of the token's issuer, as the verdict names it: the admitted caller's, or
     * the verdict the caches hold now that the token was judged; {@code unknown} without a token.
     */
    private String issuer(GuardDecision decision, String token, ValidationResult before) {
        if (decision.caller() != null) {
            return decision.caller().issuer();
        }
        ValidationResult verdict = before != null || token == null ? before : validation.cached(token);
        return verdict != null ? verdict.issuer() : ValidationResult.UNKNOWN_ISSUER;
    }
}
