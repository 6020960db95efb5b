package io.tollgate.gateway;

/** Whether a route needs a token. */
public enum AuthMode {
    /** A valid token is required. */
    REQUIRED,
    /** A token is checked when present; requests without one pass anonymously. */
    OPTIONAL,
    /** No token is checked (identity headers are still stripped). */
    NONE
}
