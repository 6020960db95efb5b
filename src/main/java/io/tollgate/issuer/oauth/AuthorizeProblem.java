package io.tollgate.issuer.oauth;

/**
 * Why an authorize request is refused.
 *
 * @param error the OAuth error code
 * @param description a sentence for people
 * @param redirect true when the client may be told through its redirect URI; false when the
 *     client or the redirect URI itself is not trusted, so only an error page is safe
 */
record AuthorizeProblem(String error, String description, boolean redirect) {

    static AuthorizeProblem page(String description) {
        return new AuthorizeProblem("invalid_request", description, false);
    }

    static AuthorizeProblem redirect(String error, String description) {
        return new AuthorizeProblem(error, description, true);
    }
}
