package io.tollgate.support;

import io.tollgate.issuer.IssuerRoutes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Routes with policies the demo routes do not exercise (scopes, audience, optional auth, the
 * default policy, an unreachable upstream, route filters, a local handler), next to the demo routes
 * of config/application.yml.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRoutes {

    public static final String LOCAL_ECHO = "/test/local-echo";

    public static final String UNREACHABLE = "http://127.0.0.1:9";

    /**
     * The documented operation each test-only route is judged by ({@link OpenApiContract}): its
     * dialect's guarded route of docs/openapi.yaml; the routes without a token requirement, the
     * public demo route's.
     */
    public static final Map<String, String> DOCUMENTED_AS = Map.ofEntries(
            Map.entry("/test/genuin-write/**", "/demo/genuin/{path}"),
            Map.entry("/test/genuin-admin/**", "/demo/genuin/{path}"),
            Map.entry("/test/genuin-audience/**", "/demo/genuin/{path}"),
            Map.entry("/test/route-filters/**", "/demo/genuin/{path}"),
            Map.entry("/test/bearer-admin/**", "/demo/bearer/{path}"),
            Map.entry("/test/bearer-audience/**", "/demo/bearer/{path}"),
            Map.entry("/test/optional/**", "/demo/bearer/{path}"),
            Map.entry("/test/default/**", "/demo/bearer/{path}"),
            Map.entry(LOCAL_ECHO, "/demo/bearer/{path}"),
            Map.entry("/test/unreachable/**", "/demo/public/{path}"),
            Map.entry("/test/closing/**", "/demo/public/{path}"));

    /** Response header in which a route filter of {@code test-route-filters} reports the subject it saw. */
    public static final String SUBJECT_SEEN_BY_ROUTE_FILTER = "X-Test-Subject-Seen";

    @Bean
    RouteLocator testRoutes(RouteLocatorBuilder routes) {
        String upstream = "http://127.0.0.1:" + TestUpstream.port();
        return routes.routes()
                .route("test-genuin-write", r -> r.path("/test/genuin-write/**")
                        .metadata(policy("genuin", List.of("brand"), List.of("content:write"), null))
                        .uri(upstream))
                .route("test-genuin-admin", r -> r.path("/test/genuin-admin/**")
                        .metadata(policy("genuin", List.of("brand"), List.of("content:admin"), null))
                        .uri(upstream))
                .route("test-genuin-audience", r -> r.path("/test/genuin-audience/**")
                        .metadata(policy("genuin", List.of("brand"), List.of(), "content-api"))
                        .uri(upstream))
                .route("test-bearer-admin", r -> r.path("/test/bearer-admin/**")
                        .metadata(policy("bearer", List.of("brand", "channel"), List.of("content:admin", "content:read"),
                                null))
                        .uri(upstream))
                .route("test-bearer-audience", r -> r.path("/test/bearer-audience/**")
                        .metadata(policy("bearer", List.of("brand", "channel"), List.of(), "content-api"))
                        .uri(upstream))
                .route("test-optional", r -> r.path("/test/optional/**")
                        .metadata(Map.of("tollgate", Map.of("auth", "optional", "dialect", "bearer")))
                        .uri(upstream))
                .route("test-default", r -> r.path("/test/default/**").uri(upstream))
                .route("test-route-filters", r -> r.path("/test/route-filters/**")
                        .filters(f -> f.filter(TestRoutes::reportSubjectSeen)
                                .setRequestHeader("X-Auth-Subject", "forged-by-a-route-filter"))
                        .metadata(policy("genuin", List.of("brand"), List.of(), null))
                        .uri(upstream))
                .route("test-local", r -> r.path(LOCAL_ECHO)
                        .metadata(policy("bearer", List.of("brand"), List.of(), null))
                        .uri("forward://" + LOCAL_ECHO))
                .route("test-unreachable", r -> r.path("/test/unreachable/**")
                        .metadata(Map.of("tollgate", Map.of("auth", "none")))
                        .uri(UNREACHABLE))
                .route("test-closing", r -> r.path("/test/closing/**")
                        .metadata(Map.of("tollgate", Map.of("auth", "none")))
                        .uri("http://127.0.0.1:" + ClosingUpstream.port()))
                .build();
    }

    /**
     * A local handler behind a {@code forward:} route, answering only what the route forwarded, as
     * the issuer's do: echoes the headers it received.
     */
    @Bean
    RouterFunction<ServerResponse> localEcho() {
        return RouterFunctions.route(RequestPredicates.path(LOCAL_ECHO).and(IssuerRoutes.FORWARDED_BY_GATEWAY),
                request -> ServerResponse.ok().header(TestUpstream.ANSWERED_HEADER, "answered")
                .bodyValue(Map.of("headers", request.headers().asHttpHeaders().toSingleValueMap())));
    }

    private static Mono<Void> reportSubjectSeen(ServerWebExchange exchange, GatewayFilterChain chain) {
        String seen = exchange.getRequest().getHeaders().getFirst("X-Auth-Subject");
        exchange.getResponse().getHeaders().set(SUBJECT_SEEN_BY_ROUTE_FILTER, seen == null ? "none" : seen);
        return chain.filter(exchange);
    }

    private static Map<String, Object> policy(String dialect, List<String> kinds, List<String> scopes, String audience) {
        Map<String, Object> policy = new HashMap<>(Map.of(
                "auth", "required",
                "schemes", List.of("bearer", "gn-access-token"),
                "kinds", kinds,
                "scopes", scopes,
                "dialect", dialect));
        if (audience != null) {
            policy.put("audience", audience);
        }
        return Map.of("tollgate", policy);
    }
}
