package io.tollgate.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Routes with policies the demo routes do not exercise (scopes, audience, optional auth, the
 * default policy, an unreachable upstream), next to the demo routes of config/application.yml.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRoutes {

    public static final String UNREACHABLE = "http://127.0.0.1:9";

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
                .route("test-unreachable", r -> r.path("/test/unreachable/**")
                        .metadata(Map.of("tollgate", Map.of("auth", "none")))
                        .uri(UNREACHABLE))
                .build();
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
