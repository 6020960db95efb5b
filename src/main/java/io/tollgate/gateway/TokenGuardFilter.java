package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The guard on every route of the proxy: asks {@link Guard} for the decision under the route's
 * policy and carries it out on the exchange: the rate limit's headers on the response, then the
 * caller's identity for the upstream (through {@link IdentityRelay}), or the route's rejection.
 */
public final class TokenGuardFilter implements GlobalFilter, Ordered {

    /** Early, so route filters see a checked caller. */
    public static final int ORDER = -100;

    /** Exchange attribute holding the validated {@link AccessToken} of an admitted caller. */
    public static final String CALLER_ATTRIBUTE = TokenGuardFilter.class.getName() + ".caller";

    /** Routes to a local handler, where {@link IdentityHeadersFilter} does not run. */
    private static final String FORWARD_SCHEME = "forward";

    private final RoutePolicies policies;
    private final Guard guard;

    TokenGuardFilter(RoutePolicies policies, Guard guard) {
        this.policies = policies;
        this.guard = guard;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return guard.decide(exchange.getRequest(), policies.forRoute(route))
                .flatMap(decision -> carryOut(exchange, chain, route, decision));
    }

    private static Mono<Void> carryOut(
            ServerWebExchange exchange, GatewayFilterChain chain, Route route, GuardDecision decision) {
        if (!decision.headers().isEmpty()) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            decision.headers().forEach(headers::set);
        }
        if (!decision.admits()) {
            return decision.rejection().write(exchange);
        }
        AccessToken caller = decision.caller();
        if (caller == null) {
            return chain.filter(IdentityRelay.withoutSpoofed(exchange));
        }
        exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
        return chain.filter(FORWARD_SCHEME.equals(route.getUri().getScheme())
                ? IdentityRelay.identifiedLocally(exchange, caller)
                : IdentityRelay.withoutSpoofed(exchange));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
