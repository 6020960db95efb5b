package io.tollgate.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;

/**
 * {@code tollgate_validations_total{scheme,outcome,reason}}: one counter per scheme and verdict,
 * registered at start (so dashboards see zeros, not gaps) and indexed per request without a
 * registry lookup.
 */
final class GuardMeters {

    private final Counter[][] counters = new Counter[Scheme.values().length][Verdict.values().length];

    GuardMeters(MeterRegistry registry) {
        for (Scheme scheme : Scheme.values()) {
            for (Verdict verdict : Verdict.values()) {
                if (verdict == Verdict.THROTTLED) {
                    // The rate limiter's, counted in tollgate_rate_limit_rejections_total, not a guard decision.
                    continue;
                }
                counters[scheme.ordinal()][verdict.ordinal()] = Counter.builder(MeterNames.VALIDATIONS)
                        .description("Guard decisions on requests to protected routes")
                        .tag("scheme", scheme.tag())
                        .tag("outcome", verdict.outcome())
                        .tag("reason", verdict.reason())
                        .register(registry);
            }
        }
    }

    void count(Scheme scheme, Verdict verdict) {
        counters[scheme.ordinal()][verdict.ordinal()].increment();
    }
}
