package io.tollgate.token;

import java.time.Duration;
import java.util.Map;

/**
 * The longest lifetime ({@code exp} minus {@code iat}) the guard admits for each external issuer's
 * tokens, by configured id ({@code tollgate.validation.issuers[].max-lifetime}). A token of such
 * an issuer that was issued before a cut-off of its subject or client expires within this long of
 * the cut-off, so a cut-off naming the issuer is kept this long (with the clock skew), and no token
 * it ends can outlive its record. Tollgate's own tokens are bounded by {@code
 * tollgate.issuer.lifetimes} instead.
 *
 * @param byIssuer the bound of each external issuer, by configured id
 */
public record ExternalTokenLifetimes(Map<String, Duration> byIssuer) {

    public ExternalTokenLifetimes {
        byIssuer = Map.copyOf(byIssuer);
    }

    /** The bound of the external issuer {@code issuer}, or {@code null} for one not configured. */
    public Duration of(String issuer) {
        return byIssuer.get(issuer);
    }
}
