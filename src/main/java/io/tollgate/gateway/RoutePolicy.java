package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's auth policy, read from its {@code metadata.tollgate}.
 *
 * @param auth whether a token is needed
 * @param schemes where the token may be carried
 * @param kinds token kinds accepted
 * @param scopes scopes the token must all carry
 * @param audience a value the token's {@code aud} must contain, or {@code null} for any
 * @param issuers ids of the issuers whose tokens the route trusts ({@code tollgate} and ids from
 *     {@code tollgate.validation.issuers})
 * @param dialect the error format of rejections
 * @param rateLimit what the route's rate limit counts by
 */
public record RoutePolicy(
        AuthMode auth,
        Set<Scheme> schemes,
        Set<TokenKind> kinds,
        Set<String> scopes,
        String audience,
        Set<String> issuers,
        Dialect dialect,
        RateLimitKey rateLimit) {

    /**
     * The policy of a route that declares none: closed by default. A token of Tollgate's own is
     * required, in either header, of any kind, answered in the bearer dialect.
     */
    public static final RoutePolicy DEFAULT = new RoutePolicy(AuthMode.REQUIRED,
            EnumSet.of(Scheme.BEARER, Scheme.GN_ACCESS_TOKEN), EnumSet.allOf(TokenKind.class), Set.of(), null,
            Set.of(AccessToken.TOLLGATE), Dialect.BEARER, RateLimitKey.CALLER);

    public RoutePolicy {
        if (dialect == Dialect.CHANNEL && auth != AuthMode.NONE) {
            throw new IllegalArgumentException("dialect: channel is for the channel token endpoint, whose route "
                    + "has auth: none: set auth: none, or use dialect genuin or bearer");
        }
        schemes = Set.copyOf(schemes);
        kinds = Set.copyOf(kinds);
        issuers = Set.copyOf(issuers);
        scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
    }

    /** The required scopes, space-separated and sorted, as RFC 6750's {@code scope} attribute lists them. */
    public String scopeString() {
        return String.join(" ", scopes);
    }
}
