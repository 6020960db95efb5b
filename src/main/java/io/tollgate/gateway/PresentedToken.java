package io.tollgate.gateway;

/**
 * What a request presented: a token and the header it came in, or a problem ({@link
 * Verdict#MISSING}; {@link Verdict#CONFLICT} for ambiguous credential headers) and no token.
 *
 * <p>The token is held as a view of the header's value, {@code credential[from..]} (a {@code
 * Bearer} credential's token starts after its scheme), so that the guard's cached path never copies
 * it ({@link io.tollgate.validation.ValidationService#validate(String, int)}); {@link #token()}
 * gives it as a string of its own.
 *
 * @param scheme the header the token came in
 * @param credential the header's value, {@code null} with a problem
 * @param from where the token starts in {@code credential}; it runs to the end
 * @param problem why there is no token, or {@code null}
 */
record PresentedToken(Scheme scheme, String credential, int from, Verdict problem) {

    static final PresentedToken MISSING = new PresentedToken(Scheme.NONE, null, 0, Verdict.MISSING);

    static PresentedToken conflict(Scheme scheme) {
        return new PresentedToken(scheme, null, 0, Verdict.CONFLICT);
    }

    static PresentedToken of(Scheme scheme, String token) {
        return new PresentedToken(scheme, token, 0, null);
    }

    /** The token {@code credential[from..]} of a header's value. */
    static PresentedToken in(Scheme scheme, String credential, int from) {
        return new PresentedToken(scheme, credential, from, null);
    }

    /** The token, a copy of its part of the header's value; {@code null} with a problem. */
    String token() {
        return credential == null ? null : credential.substring(from);
    }
}
