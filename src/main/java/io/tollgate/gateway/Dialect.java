package io.tollgate.gateway;

/** The error format a route answers rejections in. */
public enum Dialect {
    /** Genuin's JSON codes: 4010, 4011, 4012, 4030, 1099; 4290 over a rate limit, 5030 store down. */
    GENUIN,
    /** RFC 6750: {@code WWW-Authenticate: Bearer …} with an OAuth error body. */
    BEARER,
    /** The brand token endpoint: Genuin's codes, but 412 {@code 5166} over a rate limit, as for a lockout. */
    BRAND,
    /** The channel token endpoint: plain-text bodies, like its other answers. */
    CHANNEL
}
