package io.tollgate.validation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;

/**
 * {@code tollgate_jwks_refresh_total{issuer, outcome}}: reads of one issuer's JWK set, labelled
 * with the issuer's configured id ({@code tollgate} for a split gateway's copy of Tollgate's own
 * set, or an entry of {@code tollgate.validation.issuers}), so the label takes as many values as
 * there are configured issuers. Tollgate's pair is registered on every instance, so a dashboard
 * shows zero reads for one that signs its own tokens rather than no series; an external issuer's
 * pair is registered with its key set.
 *
 * @param successes reads that replaced the key set
 * @param failures reads that failed, the last good key set kept
 */
public record JwksRefreshMeters(Counter successes, Counter failures) {

    public static JwksRefreshMeters register(MeterRegistry registry, String issuer) {
        return new JwksRefreshMeters(counter(registry, issuer, "success"), counter(registry, issuer, "failure"));
    }

    private static Counter counter(MeterRegistry registry, String issuer, String outcome) {
        return Counter.builder(MeterNames.JWKS_REFRESH)
                .description("Reads of a trusted issuer's JWK set")
                .tag("issuer", issuer)
                .tag("outcome", outcome)
                .register(registry);
    }
}
