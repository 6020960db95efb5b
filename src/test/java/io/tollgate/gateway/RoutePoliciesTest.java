package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.validation.TokenKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import reactor.core.publisher.Flux;

/** Route policies as YAML and Java deliver them, and refusals of anything unknown. */
class RoutePoliciesTest {

    @Test
    void listsBoundFromYamlAsIndexedMapsAreRead() {
        Map<String, Object> yamlLike = Map.of("tollgate", Map.of(
                "auth", "required",
                "schemes", indexed("gn-access-token", "bearer"),
                "kinds", indexed("brand"),
                "scopes", indexed("content:write"),
                "audience", "content-api",
                "dialect", "genuin",
                "rate-limit", "client-address"));
        RoutePolicy policy = RoutePolicies.parse("r", yamlLike);
        assertThat(policy).isEqualTo(new RoutePolicy(AuthMode.REQUIRED, Set.of(Scheme.GN_ACCESS_TOKEN, Scheme.BEARER),
                Set.of(TokenKind.BRAND), Set.of("content:write"), "content-api", Dialect.GENUIN,
                RateLimitKey.CLIENT_ADDRESS));
    }

    @Test
    void listsAndCommaSeparatedStringsAreRead() {
        RoutePolicy policy = RoutePolicies.parse("r", Map.of("tollgate", Map.of(
                "schemes", "bearer",
                "kinds", List.of("OAUTH-USER", "oauth-app"),
                "scopes", "a, b")));
        assertThat(policy.schemes()).containsExactly(Scheme.BEARER);
        assertThat(policy.kinds()).containsExactlyInAnyOrder(TokenKind.OAUTH_USER, TokenKind.OAUTH_APP);
        assertThat(policy.scopes()).containsExactlyInAnyOrder("a", "b");
        assertThat(policy.scopeString()).isEqualTo("a b");
    }

    @Test
    void aRouteWithoutPolicyIsClosed() {
        assertThat(RoutePolicies.parse("r", Map.of())).isEqualTo(RoutePolicy.DEFAULT);
        assertThat(RoutePolicy.DEFAULT.auth()).isEqualTo(AuthMode.REQUIRED);
        assertThat(RoutePolicy.DEFAULT.rateLimit()).isEqualTo(RateLimitKey.CALLER);
    }

    @Test
    void unknownKeysAndValuesAreRefused() {
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("rate-limit", "per-moon"))))
                .hasMessageContaining("per-moon");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("dialect", "channel"))))
                .hasMessageContaining("Route r").hasMessageContaining("channel token endpoint");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("auht", "none"))))
                .hasMessageContaining("Route r").hasMessageContaining("auht");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("auth", "sometimes"))))
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("schemes", "basic"))))
                .hasMessageContaining("basic");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("kinds", "root"))))
                .hasMessageContaining("root");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", Map.of("kinds", List.of()))))
                .hasMessageContaining("accepts nothing");
        assertThatThrownBy(() -> RoutePolicies.parse("r", Map.of("tollgate", "none")))
                .hasMessageContaining("must be a map");
    }

    @Test
    void theStartCheckFailsOnABadRoute() {
        Route bad = Route.async().id("bad").uri("http://localhost").predicate(exchange -> true)
                .metadata("tollgate", Map.of("auth", "sometimes")).build();
        RoutePolicyCheck check = new RoutePolicyCheck(() -> Flux.just(bad), new RoutePolicies());
        assertThatThrownBy(() -> check.run(null)).hasMessageContaining("Route bad");
    }

    private static Map<String, Object> indexed(String... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(String.valueOf(i), values[i]);
        }
        return map;
    }
}
