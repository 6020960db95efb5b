package io.tollgate.issuer;

import io.tollgate.token.AccessToken;

/**
 * A freshly signed token.
 *
 * @param value the compact JWS to hand to the caller
 * @param token what it says
 * @param expiresIn its lifetime in seconds, as the dialects report it
 */
public record IssuedToken(String value, AccessToken token, long expiresIn) {}
