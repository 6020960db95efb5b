package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limits, right after the guard: a route counts requests by the caller its token names (the
 * brand, the channel user or the OAuth client, in the tier of the token's kind) or by client
 * address (the token endpoints). Every counted response carries {@code X-API-Rate-Limit}, {@code
 * -Remaining} and {@code -Window}; a refused one also {@code Retry-After}, with 429 in the route's
 * dialect (412 {@code 5166} on the brand token endpoint).
 *
 * <p>Spring Cloud Gateway's {@code RequestRateLimiter} filter answers a bare status, without the
 * dialect bodies or {@code Retry-After} Tollgate's clients get, and takes one limit per route,
 * where Tollgate's depends on the token; so this filter makes the decision with its rate limiter
 * ({@link RedisCallerRateLimiter}) and words the answer itself.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    /** Right after the guard, which names the caller. */
    static final int ORDER = TokenGuardFilter.ORDER + 1;

    private final RoutePolicies policies;
    private final CallerRateLimiter limiter;
    private final ErrorDialects dialects;
    private final Map<TokenKind, RateLimitTier> callerTiers;
    private final RateLimitTier addressTier;

    RateLimitFilter(
            RoutePolicies policies,
            CallerRateLimiter limiter,
            ErrorDialects dialects,
            Map<TokenKind, RateLimitTier> callerTiers,
            RateLimitTier addressTier) {
        this.policies = policies;
        this.limiter = limiter;
        this.dialects = dialects;
        this.callerTiers = new EnumMap<>(callerTiers);
        this.addressTier = addressTier;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        RoutePolicy policy = policies.forRoute(route);
        return switch (policy.rateLimit()) {
            case NONE -> chain.filter(exchange);
            case CALLER -> {
                AccessToken caller = exchange.getAttribute(TokenGuardFilter.CALLER_ATTRIBUTE);
                yield caller == null
                        ? chain.filter(exchange)
                        : limit(exchange, chain, policy, callerTiers.get(caller.kind()), callerKey(caller));
            }
            case CLIENT_ADDRESS -> ClientAddress.of(exchange.getRequest())
                    .map(address -> limit(exchange, chain, policy, addressTier, address))
                    .orElseGet(() -> chain.filter(exchange));
        };
    }

    private Mono<Void> limit(
            ServerWebExchange exchange, GatewayFilterChain chain, RoutePolicy policy, RateLimitTier tier, String key) {
        return limiter.tryAcquire(tier, key).flatMap(decision -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (decision.remaining() >= 0) {
                tier.headers(decision.remaining()).forEach(headers::set);
            }
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            tier.rejections().increment();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(tier.retryAfterSeconds()));
            return dialects.of(policy.dialect()).rejection(Verdict.THROTTLED, policy).write(exchange);
        });
    }

    /**
     * Brands and channel users by subject; OAuth tokens by the client they were issued to, or by
     * their subject when an external issuer's token names no client. Each caller is counted within
     * its issuer: an external issuer's client {@code web} is not Tollgate's client {@code web}. An
     * issuer id holds no {@code :}, so the first one ends it.
     */
    static String callerKey(AccessToken caller) {
        String name = switch (caller.kind()) {
            case BRAND, CHANNEL -> caller.subject();
            case OAUTH_USER, OAUTH_APP -> caller.clientId().isEmpty() ? caller.subject() : caller.clientId();
        };
        return caller.issuer() + ':' + name;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
