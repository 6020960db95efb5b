package io.tollgate.helm;

import static io.tollgate.helm.TollgateChart.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.tollgate.gateway.AuthMode;
import io.tollgate.gateway.RoutePolicies;
import io.tollgate.gateway.RoutePolicy;
import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import io.tollgate.support.BlockingGuard;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.RawHttp;
import io.tollgate.support.RawResponse;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code decisionService.enabled}: Tollgate deployed as the decision service of an ingress that
 * carries the traffic itself (docs/DATAPLANE.md). The downstream routes keep what {@code
 * /auth/check} judges by (id, predicates, order, policy) and proxy nothing: whatever uri and
 * filters they were given, they render as {@code no://op} answering 404, and a route may leave its
 * uri out; outside that mode a route without a uri fails the rendering. The issuer's routes are
 * untouched.
 */
class ChartDecisionServiceTest {

    private static final Map<String, Object> POLICY =
            Map.of("tollgate", Map.of("auth", "required", "kinds", List.of("brand"), "dialect", "genuin"));
    private static final List<Map<String, Object>> ROUTES = List.of(
            Map.of("id", "content-api", "predicates", List.of("Path=/content/**"), "metadata", POLICY),
            Map.of("id", "orders-api", "uri", "http://orders:8080", "order", 5,
                    "predicates", List.of("Path=/orders/**", "Method=GET"),
                    "filters", List.of("StripPrefix=1"), "metadata", POLICY));

    /**
     * BlockHound attaches to this JVM before helm-java first renders: once helm's Go library is
     * loaded, it takes the signal that wakes the JVM's attach listener, and attaching fails.
     */
    @BeforeAll
    static void guardTheEventLoopsBeforeHelmLoads() {
        BlockingGuard.install();
    }

    @Test
    void theRoutesKeepTheirPoliciesAndProxyNothing() throws IOException {
        Manifests manifests = TollgateChart.render(Values.of("decisionService.enabled", true, "routes", ROUTES));
        List<RouteDefinition> routes = routesOf(manifests);

        RouteDefinition content = route(routes, "content-api");
        RouteDefinition orders = route(routes, "orders-api");
        for (RouteDefinition downstream : List.of(content, orders)) {
            assertThat(downstream.getUri()).isEqualTo(URI.create("no://op"));
            assertThat(downstream.getFilters()).singleElement().satisfies(filter -> {
                assertThat(filter.getName()).isEqualTo("SetStatus");
                assertThat(filter.getArgs().values()).containsExactly("404");
            });
            RoutePolicy policy = new RoutePolicies(List.of(AccessToken.TOLLGATE))
                    .forRoute(Route.async(downstream).predicate(exchange -> true).build());
            assertThat(policy.auth()).isEqualTo(AuthMode.REQUIRED);
            assertThat(policy.kinds()).containsExactly(TokenKind.BRAND);
        }
        assertThat(orders.getOrder()).isEqualTo(5);
        assertThat(orders.getPredicates()).extracting(p -> p.getName()).containsExactly("Path", "Method");
        assertThat(routes).filteredOn(route -> !route.getId().endsWith("-api"))
                .isNotEmpty()
                .allSatisfy(issuer -> assertThat(issuer.getUri().toString()).startsWith("forward://"));
    }

    @Test
    void outsideTheModeEveryRouteNeedsItsUri() throws IOException {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("routes", ROUTES)))
                .hasMessageContaining("route content-api has no uri: only decisionService.enabled");

        List<RouteDefinition> routes = routesOf(TollgateChart.render(Values.of("routes", ROUTES.subList(1, 2))));
        RouteDefinition orders = route(routes, "orders-api");
        assertThat(orders.getUri()).isEqualTo(URI.create("http://orders:8080"));
        assertThat(orders.getFilters()).extracting(FilterDefinition::getName).containsExactly("StripPrefix");
    }

    /**
     * Tollgate started on the rendered application.yml (its routes replace config/'s; the test's
     * keys, credentials and ports as every test instance's): {@code /auth/check} judges by the
     * policy-only route, and the route itself, asked directly, answers 404 without reaching an
     * upstream.
     */
    @Test
    void aTollgateOnTheRenderedConfigurationJudgesByTheRoutesAndProxiesNothing() throws Exception {
        Manifests manifests = TollgateChart.render(Values.of("decisionService.enabled", true,
                "routes", ROUTES.subList(0, 1), "logging.format", "plain"));
        Path yml = Files.createTempFile("tollgate-decision", ".yml");
        Files.writeString(yml, manifests.get(ConfigMap.class, FULLNAME).getData().get("application.yml"));
        try (ConfigurableApplicationContext instance =
                Standalone.startWithTestKeys("--spring.config.additional-location=file:" + yml)) {
            WebTestClient client = Standalone.client(instance);
            String brand = Issuance.brandToken(client);
            client.get().uri("/auth/check")
                    .header("X-Original-Method", "GET")
                    .header("X-Original-URI", "/content/items")
                    .header("gn-access-token", brand)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Auth-Subject", "acme")
                    .expectHeader().valueEquals("X-Auth-Kind", "brand");
            client.get().uri("/auth/check")
                    .header("X-Original-Method", "GET")
                    .header("X-Original-URI", "/content/items")
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("X-Tollgate-Code", "4010");

            String probe = UUID.randomUUID().toString();
            RawResponse direct = RawHttp.send(Standalone.port(instance), "GET", "/content/items",
                    "gn-access-token: " + brand, TestUpstream.PROBE_HEADER + ": " + probe);
            assertThat(direct.status()).isEqualTo(404);
            assertThat(TestUpstream.received(probe)).isEmpty();
        } finally {
            Files.delete(yml);
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    private static List<RouteDefinition> routesOf(Manifests manifests) throws IOException {
        String yaml = manifests.get(ConfigMap.class, FULLNAME).getData().get("application.yml");
        return HelmChartTest.binderOf(yaml)
                .bind("spring.cloud.gateway.server.webflux.routes", Bindable.listOf(RouteDefinition.class)).get();
    }

    private static RouteDefinition route(List<RouteDefinition> routes, String id) {
        return routes.stream().filter(route -> route.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + id));
    }
}
