package io.tollgate.helm;

import static io.tollgate.helm.TollgateChart.FULLNAME;
import static io.tollgate.helm.TollgateChart.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.tollgate.admin.AdminProperties;
import io.tollgate.gateway.AuthMode;
import io.tollgate.gateway.RoutePolicies;
import io.tollgate.gateway.RoutePolicy;
import io.tollgate.issuer.IssuerProperties;
import io.tollgate.network.Cidr;
import io.tollgate.network.NetworkProperties;
import io.tollgate.token.AccessToken;
import io.tollgate.validation.ValidationProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart rendered for its default values (embedded mode) and for split mode with autoscaling,
 * ServiceMonitor, NetworkPolicies and PodDisruptionBudgets on, asserted on the parsed manifests.
 */
class HelmChartTest {

    private static final Manifests DEFAULTS = TollgateChart.render(Map.of());
    private static final Manifests SPLIT = TollgateChart.render(Values.splitWithEverything());
    private static final String SECRETS = FULLNAME + "-secrets";
    private static final String ISSUER_SERVICE_URL = "http://" + ISSUER + ":8080";

    @Test
    void lintStrictFindsNoWarningOrError() {
        LintResult result = TollgateChart.lintStrict();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"));
    }

    @Test
    void defaultsDeployOneEmbeddedPodWithTheIssuerAndTheExampleRoute() {
        assertThat(DEFAULTS.all(Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactly(FULLNAME);
        assertThat(DEFAULTS.deployment(FULLNAME).getSpec().getReplicas()).isEqualTo(1);
        assertThat(DEFAULTS.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(DEFAULTS.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(DEFAULTS.all(NetworkPolicy.class)).isEmpty();
        assertThat(DEFAULTS.custom("ServiceMonitor")).isEmpty();

        Map<String, Object> config = DEFAULTS.applicationYml(FULLNAME);
        assertThat(at(config, "tollgate.demo.enabled")).isEqualTo(false);
        assertThat(at(config, "tollgate.issuer.route-uri")).isEqualTo("forward://");
        assertThat(at(config, "tollgate.store.type")).isEqualTo("memory");
        assertThat(at(config, "tollgate.credentials.location"))
                .isEqualTo("file:/etc/tollgate/credentials/credentials.yml");
        assertThat(at(config, "tollgate.issuer.keys")).as("no keys given: the pod generates one").isNull();
        assertThat(routeIds(config)).containsExactlyElementsOf(
                Stream.concat(issuerRouteIds().stream(), Stream.of("example-api")).toList());
        assertThat(mountPaths(container(DEFAULTS.deployment(FULLNAME))))
                .contains("/etc/tollgate/credentials")
                .doesNotContain("/etc/tollgate/keys");
    }

    @Test
    void splitGatewayMountsNoKeyAndNoCredentialsAndReadsTheIssuersJwks() {
        Deployment gateway = SPLIT.deployment(FULLNAME);
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();

        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactlyInAnyOrder("config", "tmp");
        assertThat(pod.getVolumes()).allMatch(v -> v.getSecret() == null && v.getProjected() == null);
        assertThat(mountPaths(container(gateway))).containsExactlyInAnyOrder("/app/config", "/tmp");
        assertThat(container(gateway).getEnvFrom()).isEmpty();
        assertThat(secretsReferencedByEnv(container(gateway))).containsExactly(FULLNAME + "-redis");

        Map<String, Object> config = SPLIT.applicationYml(FULLNAME);
        assertThat(at(config, "tollgate.issuer.enabled")).isEqualTo(false);
        assertThat(at(config, "tollgate.issuer.route-uri")).isEqualTo(ISSUER_SERVICE_URL);
        assertThat(at(config, "tollgate.validation.jwks.uri")).isEqualTo(ISSUER_SERVICE_URL + "/.well-known/jwks.json");
        assertThat(at(config, "tollgate.issuer.keys")).isNull();
        assertThat(at(config, "tollgate.credentials")).isNull();
        assertThat(routeIds(config)).containsAll(issuerRouteIds()).contains("example-api");
        assertThat(SPLIT.get(ConfigMap.class, FULLNAME).getData().get("application.yml")).doesNotContain("/etc/tollgate");
    }

    @Test
    void splitIssuerHoldsTheKeysAndCredentialsAndServesOnlyTheIssuerRoutes() {
        Deployment issuer = SPLIT.deployment(ISSUER);
        PodSpec pod = issuer.getSpec().getTemplate().getSpec();

        assertThat(issuer.getSpec().getReplicas()).isEqualTo(2);
        assertThat(secretVolume(pod, "keys").getSecretName()).isEqualTo(SECRETS);
        assertThat(secretVolume(pod, "keys").getItems()).extracting(i -> i.getKey()).containsExactly("jwks.json");
        assertThat(secretVolume(pod, "credentials").getItems()).extracting(i -> i.getKey())
                .containsExactly("credentials.yml");
        assertThat(mountPaths(container(issuer))).contains("/etc/tollgate/keys", "/etc/tollgate/credentials");

        Map<String, Object> config = SPLIT.applicationYml(ISSUER);
        assertThat(at(config, "tollgate.issuer.keys.location")).isEqualTo("file:/etc/tollgate/keys/jwks.json");
        assertThat(at(config, "tollgate.credentials.location"))
                .isEqualTo("file:/etc/tollgate/credentials/credentials.yml");
        assertThat(at(config, "tollgate.issuer.route-uri")).isEqualTo("forward://");
        assertThat(routeIds(config)).containsExactlyElementsOf(issuerRouteIds());

        Map<String, String> secret = SPLIT.get(Secret.class, SECRETS).getData();
        assertThat(decode(secret.get("jwks.json"))).isEqualTo(Values.JWKS);
        assertThat(decode(secret.get("credentials.yml"))).isEqualTo(Values.CREDENTIALS);
    }

    @Test
    void probesAskTheManagementPort() {
        for (Deployment deployment : allDeployments()) {
            Container container = container(deployment);
            assertThat(container.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                    .containsExactlyInAnyOrder("http=8080", "management=8081");
            assertThat(httpGet(container.getStartupProbe()).getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(httpGet(container.getLivenessProbe()).getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(httpGet(container.getReadinessProbe()).getPath()).isEqualTo("/actuator/health/readiness");
            for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                    container.getReadinessProbe())) {
                assertThat(httpGet(probe).getPort().getStrVal()).as(deployment.getMetadata().getName())
                        .isEqualTo("management");
            }
        }
    }

    @Test
    void podsRunAsNonRootWithoutPrivilegesOnAReadOnlyRootFilesystem() {
        for (Deployment deployment : allDeployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(podContext.getRunAsNonRoot()).isTrue();
            assertThat(podContext.getRunAsUser()).isPositive();
            assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();

            SecurityContext context = container(deployment).getSecurityContext();
            assertThat(context.getRunAsNonRoot()).isTrue();
            assertThat(context.getReadOnlyRootFilesystem()).isTrue();
            assertThat(context.getAllowPrivilegeEscalation()).isFalse();
            assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(context.getCapabilities().getAdd()).isEmpty();

            assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tmp"))
                    .singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(container(deployment).getVolumeMounts()).filteredOn(m -> m.getName().equals("tmp"))
                    .singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        }
    }

    @Test
    void shutdownDrainsWithinTheGracePeriod() {
        for (Deployment deployment : allDeployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45);
            assertThat(container(deployment).getLifecycle().getPreStop().getExec().getCommand())
                    .containsExactly("sleep", "5");
        }
        for (Map<String, Object> config : List.of(DEFAULTS.applicationYml(FULLNAME), SPLIT.applicationYml(ISSUER))) {
            assertThat(at(config, "server.shutdown")).isEqualTo("graceful");
            assertThat(at(config, "spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("30s");
        }
    }

    @Test
    void redisPasswordReachesEveryPodFromASecretAndNeverFromTheConfigMap() {
        for (String name : List.of(FULLNAME, ISSUER)) {
            EnvVar password = env(container(SPLIT.deployment(name)), "SPRING_DATA_REDIS_PASSWORD");
            assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo(FULLNAME + "-redis");
            assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("redis-password");
            assertThat(at(SPLIT.applicationYml(name), "spring.data.redis"))
                    .isEqualTo(Map.of("host", "redis-master", "port", 6379, "database", 0, "ssl", Map.of("enabled", false)));
            assertThat(at(SPLIT.applicationYml(name), "tollgate.store.type")).isEqualTo("redis");
        }
        assertThat(decode(SPLIT.get(Secret.class, FULLNAME + "-redis").getData().get("redis-password")))
                .isEqualTo("chart-test-redis-password");
        assertThat(SPLIT.all(ConfigMap.class)).allSatisfy(c -> assertThat(c.getData().toString())
                .doesNotContain("chart-test-redis-password"));

        Manifests existing = TollgateChart.render(Values.with(Values.splitWithEverything(),
                "redis.existingSecret", "platform-redis", "redis.passwordKey", "password"));
        assertThat(existing.all(Secret.class)).extracting(s -> s.getMetadata().getName()).containsExactly(SECRETS);
        EnvVar password = env(container(existing.deployment(FULLNAME)), "SPRING_DATA_REDIS_PASSWORD");
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("platform-redis");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }

    @Test
    void anExistingSecretReplacesTheChartsSecret() {
        Manifests existing = TollgateChart.render(Values.with(Values.splitWithEverything(),
                "secrets.existingSecret", "tollgate-production-keys"));

        assertThat(existing.all(Secret.class)).extracting(s -> s.getMetadata().getName())
                .containsExactly(FULLNAME + "-redis");
        PodSpec issuer = existing.deployment(ISSUER).getSpec().getTemplate().getSpec();
        assertThat(secretVolume(issuer, "keys").getSecretName()).isEqualTo("tollgate-production-keys");
        assertThat(secretVolume(issuer, "credentials").getSecretName()).isEqualTo("tollgate-production-keys");
        assertThat(existing.deployment(FULLNAME).getSpec().getTemplate().getSpec().getVolumes())
                .allMatch(v -> v.getSecret() == null);
    }

    @Test
    void autoscalerDisruptionBudgetsAndNetworkPoliciesSelectTheRightPods() {
        HorizontalPodAutoscaler hpa = SPLIT.get(HorizontalPodAutoscaler.class, FULLNAME);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(FULLNAME);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(SPLIT.deployment(FULLNAME).getSpec().getReplicas()).as("the autoscaler owns replicas").isNull();

        for (String name : List.of(FULLNAME, ISSUER)) {
            Map<String, String> podLabels = SPLIT.deployment(name).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(
                    SPLIT.get(PodDisruptionBudget.class, name).getSpec().getSelector().getMatchLabels());
            assertThat(podLabels).containsAllEntriesOf(
                    SPLIT.get(NetworkPolicy.class, name).getSpec().getPodSelector().getMatchLabels());
        }

        List<NetworkPolicyIngressRule> issuerIngress = SPLIT.get(NetworkPolicy.class, ISSUER).getSpec().getIngress();
        NetworkPolicyIngressRule traffic = issuerIngress.stream()
                .filter(rule -> rule.getPorts().get(0).getPort().getStrVal().equals("http"))
                .findFirst().orElseThrow();
        assertThat(traffic.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                .isEqualTo(SPLIT.deployment(FULLNAME).getSpec().getSelector().getMatchLabels()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceMonitorScrapesThePrometheusEndpointOfEveryPod() {
        GenericKubernetesResource monitor = SPLIT.custom("ServiceMonitor").get(0);
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");

        Service management = SPLIT.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .collect(singleOrFail());
        assertThat(management.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getPort()).isEqualTo(8081);
        });
        for (String name : List.of(FULLNAME, ISSUER)) {
            assertThat(SPLIT.deployment(name).getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(management.getSpec().getSelector());
        }
        Service traffic = SPLIT.get(Service.class, FULLNAME);
        assertThat(traffic.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal()).containsExactly("http");
    }

    @Test
    void dashboardShipsInAConfigMapWithTheGrafanaSidecarLabel() throws IOException {
        ConfigMap dashboard = DEFAULTS.get(ConfigMap.class, FULLNAME + "-dashboard");

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData().get("tollgate.json"))
                .isEqualTo(Files.readString(TollgateChart.DIR.resolve("dashboards/tollgate.json")).strip());

        Manifests relabelled = TollgateChart.render(Values.of("dashboard.labels", Map.of("grafana_dashboard", "tollgate")));
        assertThat(relabelled.get(ConfigMap.class, FULLNAME + "-dashboard").getMetadata().getLabels())
                .containsEntry("grafana_dashboard", "tollgate");
    }

    /** The ConfigMaps speak the application's language: the routes, their policies and settings bind. */
    @Test
    void renderedApplicationYmlBindsToTheGatewaysRoutesPoliciesAndSettings() throws IOException {
        for (Manifests manifests : List.of(DEFAULTS, SPLIT)) {
            for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
                String name = configMap.getMetadata().getName();
                if (name.endsWith("-dashboard")) {
                    continue;
                }
                Binder binder = binderOf(configMap.getData().get("application.yml"));
                List<RouteDefinition> routes = binder.bind("spring.cloud.gateway.server.webflux.routes",
                        Bindable.listOf(RouteDefinition.class)).get();
                String routeUri = manifests == SPLIT && name.equals(FULLNAME) ? ISSUER_SERVICE_URL : "forward://";
                assertThat(routes).filteredOn(route -> issuerRouteIds().contains(route.getId()))
                        .hasSameSizeAs(issuerRouteIds())
                        .allSatisfy(route -> assertThat(route.getUri().toString()).startsWith(routeUri));
                RoutePolicies policies = new RoutePolicies(List.of(AccessToken.TOLLGATE));
                for (RouteDefinition definition : routes) {
                    RoutePolicy policy = policies.forRoute(Route.async(definition).predicate(exchange -> true).build());
                    assertThat(policy.auth()).as(definition.getId())
                            .isEqualTo(definition.getId().equals("example-api") ? AuthMode.REQUIRED : AuthMode.NONE);
                }

                ValidationProperties validation = binder.bind("tollgate.validation", ValidationProperties.class).get();
                assertThat(validation.cache().maximumSize()).isEqualTo(1_000_000);
                assertThat(validation.clockSkew()).isEqualTo(Duration.ofSeconds(30));
                IssuerProperties.Lifetimes lifetimes =
                        binder.bind("tollgate.issuer.lifetimes", IssuerProperties.Lifetimes.class).get();
                assertThat(lifetimes.oauthUser()).isEqualTo(Duration.ofHours(24));
                assertThat(binder.bind("tollgate.issuer.issuer-uri", URI.class).get())
                        .isEqualTo(URI.create("http://localhost:8080"));
                IssuerProperties.Lockout lockout =
                        binder.bind("tollgate.issuer.lockout", IssuerProperties.Lockout.class).get();
                assertThat(lockout.userMaxFailures()).isEqualTo(50);
                assertThat(lockout.maxFailures()).as("the removed key, which would fail the start").isNull();
                assertThat(binder.bindOrCreate("tollgate.network", NetworkProperties.class).trustedProxies())
                        .as("every pod of a split deployment trusts the pod network it was given")
                        .isEqualTo(manifests == SPLIT ? List.of(Cidr.of("10.0.0.0/8")) : List.of());
                assertThat(binder.bindOrCreate("tollgate.admin", AdminProperties.class).tokens())
                        .as("every pod takes the operator tokens; none by default, so the endpoint is closed")
                        .isEqualTo(manifests == SPLIT ? List.of(Values.OPERATOR_TOKEN_HASH) : List.of());
            }
        }
    }

    /** The chart carries its own copy of the issuer routes; it must not drift from config/. */
    @Test
    @SuppressWarnings("unchecked")
    void issuerRoutesAreThoseOfConfigApplicationYml() throws IOException {
        Map<String, Object> application = new Yaml().load(Files.readString(Path.of("config/application.yml")));
        List<Map<String, Object>> routes = (List<Map<String, Object>>) at(application,
                "spring.cloud.gateway.server.webflux.routes");
        List<Map<String, Object>> issuerRoutes = routes.stream()
                .filter(route -> String.valueOf(route.get("uri")).startsWith("${tollgate.issuer.route-uri}"))
                .toList();

        assertThat(chartIssuerRoutes()).isEqualTo(issuerRoutes);
    }

    static Binder binderOf(String yaml) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("application.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }

    private static List<Deployment> allDeployments() {
        List<Deployment> deployments = Stream.concat(DEFAULTS.all(Deployment.class).stream(),
                SPLIT.all(Deployment.class).stream()).toList();
        assertThat(deployments).hasSize(3);
        return deployments;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> chartIssuerRoutes() throws IOException {
        return new Yaml().load(Files.readString(TollgateChart.DIR.resolve("files/issuer-routes.yaml")));
    }

    private static List<String> issuerRouteIds() {
        try {
            return chartIssuerRoutes().stream().map(route -> (String) route.get("id")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> routeIds(Map<String, Object> config) {
        return ((List<Map<String, Object>>) at(config, "spring.cloud.gateway.server.webflux.routes")).stream()
                .map(route -> (String) route.get("id"))
                .toList();
    }

    static Object at(Map<String, Object> map, String path) {
        return Values.get(map, List.of(path.split("\\.")));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    private static List<String> secretsReferencedByEnv(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName())
                .toList();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).collect(singleOrFail());
    }

    private static SecretVolumeSource secretVolume(PodSpec pod, String name) {
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(name)).collect(singleOrFail());
        assertThat(volume.getSecret()).as("volume %s is a Secret", name).isNotNull();
        return volume.getSecret();
    }

    private static HTTPGetAction httpGet(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).isNotNull();
        return probe.getHttpGet();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static <T> Collector<T, ?, T> singleOrFail() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
