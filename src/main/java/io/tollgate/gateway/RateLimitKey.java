package io.tollgate.gateway;

/** What a route's rate limit counts requests by ({@code metadata.tollgate.rate-limit}). */
public enum RateLimitKey {
    /**
     * The caller named by the validated token: the brand, the channel user, or the OAuth client,
     * in the tier of the token's kind. Requests without a token are not counted.
     */
    CALLER,
    /** The client's address, for the token endpoints, which take no token. */
    CLIENT_ADDRESS,
    /** Not rate limited. */
    NONE
}
