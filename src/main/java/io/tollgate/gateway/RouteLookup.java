package io.tollgate.gateway;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The route a request matches, found the way Spring Cloud Gateway's {@code
 * RoutePredicateHandlerMapping} finds it: the first route, in order, whose predicate holds. A
 * predicate that fails, or throws, counts as not matching, as it does there.
 *
 * <p>Asked for requests the gateway refuses before routing ({@link PathFirewall}), to answer them
 * in the dialect of the route they were aimed at, and for the original request of a forward
 * authentication check ({@link ForwardAuthHandler}), which no route serves; the handler mapping's
 * own lookup is protected and also records the route on the exchange, which neither must carry.
 */
final class RouteLookup {

    private final RouteLocator routes;

    RouteLookup(RouteLocator routes) {
        this.routes = routes;
    }

    /** The matching route, or empty when none matches. */
    Mono<Route> routeOf(ServerWebExchange exchange) {
        return routes.getRoutes()
                .concatMap(route -> Mono.defer(() -> Mono.from(route.getPredicate().apply(exchange)))
                        .onErrorReturn(false)
                        .filter(Boolean::booleanValue)
                        .map(matched -> route))
                .next();
    }
}
