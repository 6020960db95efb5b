package io.tollgate.issuer.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An OAuth error (RFC 6749 §5.2) as the token endpoint answers it. Thrown inside a grant and
 * turned into the JSON response once, at the endpoint; it carries no stack trace.
 */
final class OAuthError extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    private OAuthError(HttpStatus status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    static OAuthError invalidScope(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_scope", description);
    }

    static OAuthError unsupportedGrantType(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", description);
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }

    static OAuthError unauthorizedClient(String description) {
        return new OAuthError(HttpStatus.UNAUTHORIZED, "unauthorized_client", description);
    }

    /** RFC 6749's name for a server that cannot answer now: the state store is unreachable. */
    static OAuthError temporarilyUnavailable() {
        return new OAuthError(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "The service is temporarily unavailable");
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    /** The JSON body, {@code error} before {@code error_description} as RFC 6749 §5.2 shows it, on every answer. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        return body;
    }
}
