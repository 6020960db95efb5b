package io.tollgate.issuer.oauth;

/**
 * Why an authorize request is refused.
 *
 * @param error the OAuth error code
 * @param description a sentence for the client's developer, sent as {@code error_description}; for
 *     a problem told on an error page alone, the message key of the page's sentence ({@code
 *     messages/pages.properties}), which the page shows in the person's language
 * @param redirect true when the client may be told through its redirect URI; false when the
 *     client or the redirect URI itself is not trusted, so only an error page is safe
 */
record AuthorizeProblem(String error, String description, boolean redirect) {

    static AuthorizeProblem page(String messageKey) {
        return new AuthorizeProblem("invalid_request", messageKey, false);
    }

    static AuthorizeProblem redirect(String error, String description) {
        return new AuthorizeProblem(error, description, true);
    }
}
