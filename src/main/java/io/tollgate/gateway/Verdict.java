package io.tollgate.gateway;

import io.tollgate.validation.RejectionReason;

/**
 * The guard's decision on one request. {@code outcome} and {@code reason} are the labels of
 * {@code tollgate_validations_total}: a fixed, small set, never a token or a path.
 */
public enum Verdict {
    ACCEPTED("accepted", "ok"),
    ANONYMOUS("accepted", "anonymous"),
    MISSING("rejected", "missing"),
    CONFLICT("rejected", "conflict"),
    /** A request path the firewall refuses before routing ({@link PathFirewall}). */
    REFUSED_PATH("rejected", "path"),
    MALFORMED("rejected", RejectionReason.MALFORMED.tag()),
    TOO_LARGE("rejected", RejectionReason.TOO_LARGE.tag()),
    BAD_HEADER("rejected", RejectionReason.BAD_HEADER.tag()),
    BAD_SIGNATURE("rejected", RejectionReason.BAD_SIGNATURE.tag()),
    UNKNOWN_ISSUER("rejected", RejectionReason.UNKNOWN_ISSUER.tag()),
    BAD_CLAIMS("rejected", RejectionReason.BAD_CLAIMS.tag()),
    EXPIRED("rejected", RejectionReason.EXPIRED.tag()),
    REVOKED("rejected", RejectionReason.REVOKED.tag()),
    UNAVAILABLE("rejected", RejectionReason.STORE_UNAVAILABLE.tag()),
    THROTTLED("rejected", "rate_limited"),
    /** A valid token of an issuer the route does not trust: answered as an invalid token. */
    UNTRUSTED_ISSUER("rejected", "issuer"),
    WRONG_KIND("denied", "kind"),
    WRONG_SCOPE("denied", "scope"),
    WRONG_AUDIENCE("denied", "audience");

    private final String outcome;
    private final String reason;

    Verdict(String outcome, String reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    public String outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public boolean admits() {
        return this == ACCEPTED || this == ANONYMOUS;
    }

    /** The verdict for a token the validation service rejected. */
    public static Verdict of(RejectionReason reason) {
        return switch (reason) {
            case MALFORMED -> MALFORMED;
            case TOO_LARGE -> TOO_LARGE;
            case BAD_HEADER -> BAD_HEADER;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case UNKNOWN_ISSUER -> UNKNOWN_ISSUER;
            case BAD_CLAIMS -> BAD_CLAIMS;
            case EXPIRED -> EXPIRED;
            case REVOKED -> REVOKED;
            case STORE_UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
