package io.tollgate.genuin;

import org.springframework.http.HttpStatus;

/**
 * Every refusal of the genuin dialect, as partners read it: status, code and message, and the JSON
 * body {@code {"code":"…","message":"…","data":{}}}. The guard (genuin routes, the brand token
 * route) and the brand token endpoint answer from this one list.
 */
public enum GenuinError {

    /** Malformed or unreadable request, conflicting or ambiguous credentials, any unexpected error. */
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "1099", "An unexpected error occurred processing the request"),
    /** No token. */
    TOKEN_MISSING(HttpStatus.UNAUTHORIZED, "4010", "Access token missing."),
    /** A token that does not validate, for any reason but expiry. */
    TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "4011", "Access token invalid."),
    TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "4012", "Access token expired."),
    /** A valid token of the wrong kind, scope or audience. */
    ACCESS_DENIED(HttpStatus.FORBIDDEN, "4030", "Access denied."),
    /** A caller over its rate limit on a guarded route. */
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "4290", "Too many requests."),
    /** Brand endpoint: missing, unknown or wrong credentials (one answer, no oracle). */
    BRAND_NOT_EXISTS(HttpStatus.NOT_FOUND, "5235", "Brand not exists."),
    /** Brand endpoint: suspended brand, locked-out address, or over the rate limit. */
    INVALID_USE(HttpStatus.PRECONDITION_FAILED, "5166", "XXXX-[Invalid Use of API]"),
    /** The state store is unreachable. */
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "5030", "Service temporarily unavailable.");

    private final HttpStatus status;
    private final String code;
    private final String body;

    GenuinError(HttpStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.body = "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"data\":{}}";
    }

    public HttpStatus status() {
        return status;
    }

    /** The dialect's code, also the {@code code} label of the issuer's rejection meter. */
    public String code() {
        return code;
    }

    /** The JSON body, {@code application/json}. */
    public String body() {
        return body;
    }
}
