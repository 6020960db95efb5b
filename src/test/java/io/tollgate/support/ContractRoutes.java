package io.tollgate.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The routes a running instance was configured with, as {@link OpenApiContract} judges them: each
 * {@code Path} pattern with its policy's dialect ({@code genuin}, {@code bearer}, the default), or
 * {@code none} when the route asks for no token. Read from the instance's own route definitions,
 * so a test that configures routes of its own is held to the dialect it gave them.
 */
final class ContractRoutes {

    private ContractRoutes() {}

    static Map<String, String> of(ConfigurableApplicationContext context) {
        Map<String, String> routes = new LinkedHashMap<>();
        List<RouteDefinition> definitions = context.getBean(RouteDefinitionLocator.class).getRouteDefinitions()
                .collectList().block();
        for (RouteDefinition definition : definitions) {
            Object policy = definition.getMetadata().get("tollgate");
            Map<?, ?> tollgate = policy instanceof Map<?, ?> map ? map : Map.of();
            String kind = "none".equals(String.valueOf(tollgate.get("auth"))) ? "none"
                    : String.valueOf(tollgate.containsKey("dialect") ? tollgate.get("dialect") : "bearer");
            for (PredicateDefinition predicate : definition.getPredicates()) {
                if (predicate.getName().equals("Path")) {
                    predicate.getArgs().values().forEach(pattern -> routes.put(pattern, kind));
                }
            }
        }
        return routes;
    }
}
