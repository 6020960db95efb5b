package io.tollgate.issuer;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The issuer's endpoints, reachable only through a gateway route.
 *
 * <p>Gateway routes send the auth paths to {@code tollgate.issuer.route-uri}; in one process that
 * is {@code forward://}, which hands the exchange back to WebFlux's dispatcher. These handlers only
 * answer exchanges a gateway route has matched, so a request cannot skip the route (and the
 * route's filters) by arriving here first. They match on the path alone, whatever the method, so a
 * forwarded request never falls through to the gateway again.
 */
public final class IssuerRoutes {

    /** True for exchanges that a gateway route matched and forwarded here. */
    public static final RequestPredicate FORWARDED_BY_GATEWAY = request ->
            request.exchange().getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) != null;

    private IssuerRoutes() {}

    public static RouterFunction<ServerResponse> of(
            HandlerFunction<ServerResponse> brand, HandlerFunction<ServerResponse> channel, JwksHandler jwks) {
        return RouterFunctions.route()
                .route(path("/api/thirdparty/auth").and(FORWARDED_BY_GATEWAY), brand)
                .route(path("/generateToken").and(FORWARDED_BY_GATEWAY), channel)
                .route(path("/.well-known/jwks.json").and(FORWARDED_BY_GATEWAY), jwks)
                .build();
    }
}
