package io.tollgate.validation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;

/**
 * {@code tollgate_jwks_refresh_total{outcome}}: reads of the issuer's JWK set. Registered on every
 * instance, so a dashboard shows zero reads for one that signs its own tokens rather than no series.
 *
 * @param successes reads that replaced the key set
 * @param failures reads that failed, the last good key set kept
 */
public record JwksRefreshMeters(Counter successes, Counter failures) {

    public static JwksRefreshMeters register(MeterRegistry registry) {
        return new JwksRefreshMeters(counter(registry, "success"), counter(registry, "failure"));
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(MeterNames.JWKS_REFRESH)
                .description("Reads of the issuer's JWK set by a split gateway")
                .tag("outcome", outcome)
                .register(registry);
    }
}
