package io.tollgate.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Judges every request path before any route is matched, on every route and every handler of the
 * server (the gateway's routes, the issuer's endpoints and whatever else answers): a path that a
 * server behind the gateway could read as another path is refused with 400, so that the path a
 * route matched is the path its upstream serves. Spring Security's {@link
 * StrictServerWebExchangeFirewall} refuses dot segments (plain and {@code %2E}), {@code //},
 * encoded slashes, backslashes, {@code ;}, NUL, CR, LF and an encoded {@code %}; {@link
 * PathCharacters} what it leaves open.
 *
 * <p>The refusal is worded in the dialect of the route the path, as it stands, matches ({@link
 * RouteLookup}), or in the bearer dialect when none does (the default policy's), and counted as
 * {@link Verdict#REFUSED_PATH}. The strict firewall is used as a judge only: the exchange it
 * returns checks headers and parameters lazily, by throwing wherever they are read, which would
 * turn into 500s deep in the gateway, so the request goes on as it came.
 *
 * <p>A request whose target is not a URI at all (a raw backslash or control character) never gets
 * here: Spring's Reactor Netty adapter answers it with a bare 400 before any filter runs.
 */
public final class PathFirewall implements WebFilter, Ordered {

    /** First of all filters: nothing reads the path before it has been judged. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private static final Logger log = LoggerFactory.getLogger(PathFirewall.class);

    private final ServerWebExchangeFirewall strict;
    private final RouteLookup routes;
    private final RoutePolicies policies;
    private final ErrorDialects dialects;
    private final GuardMeters meters;

    PathFirewall(RouteLookup routes, RoutePolicies policies, ErrorDialects dialects, GuardMeters meters) {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        // Methods are the routes' business (their Method predicates); this judges the path.
        firewall.setUnsafeAllowAnyHttpMethod(true);
        this.strict = firewall;
        this.routes = routes;
        this.policies = policies;
        this.dialects = dialects;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return admits(exchange).flatMap(admitted -> admitted
                ? chain.filter(exchange)
                : refusal(exchange).flatMap(rejection -> rejection.write(exchange)));
    }

    /**
     * Whether the path of the exchange's request is admitted: the rule of every request, and of the
     * original request forward authentication judges ({@link ForwardAuthHandler}).
     */
    Mono<Boolean> admits(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (!PathCharacters.admits(request.getURI().getRawPath())) {
            log.debug("Refused a request path: a character servers read differently");
            return Mono.just(false);
        }
        return strict.getFirewalledExchange(exchange)
                .thenReturn(true)
                .onErrorResume(ServerExchangeRejectedException.class, rejected -> {
                    // The message names the rule and the forbidden string, never the path itself.
                    log.debug("Refused a request path: {}", rejected.getMessage());
                    return Mono.just(false);
                });
    }

    /** The answer to a refused path, in the dialect of the route it matches as it stands; counted. */
    Mono<Rejection> refusal(ServerWebExchange exchange) {
        meters.count(Scheme.NONE, Verdict.REFUSED_PATH);
        return routes.routeOf(exchange)
                .map(policies::forRoute)
                .defaultIfEmpty(RoutePolicy.DEFAULT)
                .map(policy -> dialects.of(policy.dialect()).rejection(Verdict.REFUSED_PATH, policy));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
