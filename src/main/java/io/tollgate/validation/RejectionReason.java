package io.tollgate.validation;

/** Why a token was not accepted. The tag is the {@code reason} label of the validation meter. */
public enum RejectionReason {
    /** Not a compact JWS, or a Tollgate claim of the wrong type. */
    MALFORMED("malformed"),
    /** Longer than the configured limit; rejected before parsing. */
    TOO_LARGE("too_large"),
    /** Unknown {@code kid}, algorithm not the key's, wrong {@code typ}, or a key-pointing header. */
    BAD_HEADER("bad_header"),
    /** The signature does not verify. */
    BAD_SIGNATURE("bad_signature"),
    /** Its {@code iss} is no trusted issuer's (nor readable): no key was looked for. */
    UNKNOWN_ISSUER("unknown_issuer"),
    /** Wrong audience or issuer, not yet valid, or a required claim missing. */
    BAD_CLAIMS("bad_claims"),
    /** Past its {@code exp} (beyond the allowed clock skew). */
    EXPIRED("expired"),
    /** Its {@code jti} was revoked. */
    REVOKED("revoked"),
    /**
     * Signature and expiry check out, but the store is unreachable, so a revocation may have been
     * missed; refused under {@code tollgate.store.on-failure=fail-closed}.
     */
    STORE_UNAVAILABLE("store_unavailable");

    private final String tag;

    RejectionReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
