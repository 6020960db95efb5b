package io.tollgate.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import io.tollgate.validation.ValidationResult;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code tollgate_validations_total{issuer,scheme,outcome,reason}}: one counter per issuer, scheme
 * and verdict, registered at start (so dashboards see zeros, not gaps) and found per request
 * without a registry lookup. {@code issuer} is a configured id, or {@link
 * ValidationResult#UNKNOWN_ISSUER} when no configured issuer can be named (no token, a malformed
 * one, an {@code iss} nobody trusts): the label never takes a value from the token itself, so a
 * caller cannot grow the set.
 */
final class GuardMeters {

    private final Map<String, Counter[][]> byIssuer = new HashMap<>();
    private final Counter[][] unknown;

    /** @param issuerIds every configured issuer id, {@code tollgate} included */
    GuardMeters(MeterRegistry registry, Collection<String> issuerIds) {
        Set<String> labels = new LinkedHashSet<>(issuerIds);
        labels.add(ValidationResult.UNKNOWN_ISSUER);
        for (String issuer : labels) {
            byIssuer.put(issuer, register(registry, issuer));
        }
        unknown = byIssuer.get(ValidationResult.UNKNOWN_ISSUER);
    }

    private static Counter[][] register(MeterRegistry registry, String issuer) {
        Counter[][] counters = new Counter[Scheme.values().length][Verdict.values().length];
        for (Scheme scheme : Scheme.values()) {
            for (Verdict verdict : Verdict.values()) {
                if (verdict == Verdict.THROTTLED) {
                    // The rate limiter's, counted in tollgate_rate_limit_rejections_total, not a guard decision.
                    continue;
                }
                counters[scheme.ordinal()][verdict.ordinal()] = Counter.builder(MeterNames.VALIDATIONS)
                        .description("Guard decisions on requests to protected routes")
                        .tag("issuer", issuer)
                        .tag("scheme", scheme.tag())
                        .tag("outcome", verdict.outcome())
                        .tag("reason", verdict.reason())
                        .register(registry);
            }
        }
        return counters;
    }

    /** A decision on a request whose token names no configured issuer, or that carries none. */
    void count(Scheme scheme, Verdict verdict) {
        unknown[scheme.ordinal()][verdict.ordinal()].increment();
    }

    /**
     * @param issuer the configured id of the token's issuer ({@link ValidationResult#issuer()}),
     *     or {@code null} when there was no token to read
     */
    void count(String issuer, Scheme scheme, Verdict verdict) {
        Counter[][] counters = issuer == null ? unknown : byIssuer.getOrDefault(issuer, unknown);
        counters[scheme.ordinal()][verdict.ordinal()].increment();
    }
}
