package io.tollgate.gateway;

/** The error format a route answers rejections in. */
public enum Dialect {
    /** Genuin's JSON codes: 4010, 4011, 4012, 4030, 1099. */
    GENUIN,
    /** RFC 6750: {@code WWW-Authenticate: Bearer …} with an OAuth error body. */
    BEARER
}
