package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import io.tollgate.validation.ValidationResult;
import io.tollgate.validation.ValidationService;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The guard on every route: extract the token, validate it (cache first), authorize it against
 * the route's policy, relay the caller's identity upstream, or reject in the route's dialect. Each
 * step is its own small class; this one only sequences them and counts the verdict.
 */
public final class TokenGuardFilter implements GlobalFilter, Ordered {

    /** Early, so route filters (rate limiters keyed by the caller, for one) see a checked caller. */
    public static final int ORDER = -100;

    /** Exchange attribute holding the validated {@link AccessToken} of an admitted caller. */
    public static final String CALLER_ATTRIBUTE = TokenGuardFilter.class.getName() + ".caller";

    /** Routes to a local handler, where {@link IdentityHeadersFilter} does not run. */
    private static final String FORWARD_SCHEME = "forward";

    private final RoutePolicies policies;
    private final ValidationService validation;
    private final GuardMeters meters;
    private final ErrorDialects dialects;

    TokenGuardFilter(RoutePolicies policies, ValidationService validation, GuardMeters meters, ErrorDialects dialects) {
        this.policies = policies;
        this.validation = validation;
        this.meters = meters;
        this.dialects = dialects;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        RoutePolicy policy = policies.forRoute(route);
        if (policy.auth() == AuthMode.NONE) {
            return chain.filter(IdentityRelay.withoutSpoofed(exchange));
        }
        PresentedToken presented = TokenExtractor.extract(exchange.getRequest().getHeaders(), policy.schemes());
        if (presented.problem() == Verdict.MISSING && policy.auth() == AuthMode.OPTIONAL) {
            meters.count(Scheme.NONE, Verdict.ANONYMOUS);
            return chain.filter(IdentityRelay.withoutSpoofed(exchange));
        }
        if (presented.problem() != null) {
            return reject(exchange, policy, null, presented.scheme(), presented.problem());
        }
        return validation.validate(presented.credential(), presented.from())
                .flatMap(result -> decide(exchange, chain, route, policy, presented.scheme(), result));
    }

    private Mono<Void> decide(
            ServerWebExchange exchange,
            GatewayFilterChain chain,
            Route route,
            RoutePolicy policy,
            Scheme scheme,
            ValidationResult result) {
        Verdict verdict = result.isValid() ? PolicyCheck.check(policy, result.token()) : Verdict.of(result.reason());
        if (!verdict.admits()) {
            return reject(exchange, policy, result.issuer(), scheme, verdict);
        }
        meters.count(result.issuer(), scheme, verdict);
        exchange.getAttributes().put(CALLER_ATTRIBUTE, result.token());
        return chain.filter(FORWARD_SCHEME.equals(route.getUri().getScheme())
                ? IdentityRelay.identifiedLocally(exchange, result.token())
                : IdentityRelay.withoutSpoofed(exchange));
    }

    /** @param issuer the configured id of the token's issuer, {@code null} when none is known */
    private Mono<Void> reject(
            ServerWebExchange exchange, RoutePolicy policy, String issuer, Scheme scheme, Verdict verdict) {
        meters.count(issuer, scheme, verdict);
        return dialects.of(policy.dialect()).rejection(verdict, policy).write(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
