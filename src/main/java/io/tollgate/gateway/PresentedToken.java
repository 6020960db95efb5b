package io.tollgate.gateway;

/**
 * What a request presented: a token and the header it came in, or a problem ({@link
 * Verdict#MISSING}; {@link Verdict#CONFLICT} for ambiguous credential headers) and no token.
 */
record PresentedToken(Scheme scheme, String token, Verdict problem) {

    static final PresentedToken MISSING = new PresentedToken(Scheme.NONE, null, Verdict.MISSING);

    static PresentedToken conflict(Scheme scheme) {
        return new PresentedToken(scheme, null, Verdict.CONFLICT);
    }

    static PresentedToken of(Scheme scheme, String token) {
        return new PresentedToken(scheme, token, null);
    }
}
