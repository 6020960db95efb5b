package io.tollgate.helm;

import static io.tollgate.helm.TollgateChart.FULLNAME;
import static io.tollgate.helm.TollgateChart.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * {@code redis.mode}: each topology is rendered into the {@code spring.data.redis.*} keys Spring
 * Boot reads, checked exactly, and bound with Spring Boot's own {@link DataRedisProperties}
 * together with the pods' environment, so the passwords from the Secret land where Spring Boot
 * looks for them.
 */
class ChartRedisModesTest {

    private static final List<String> SENTINELS = List.of("sentinel-0.sentinel:26379", "sentinel-1.sentinel:26379",
            "[fd00::3]:26379");
    private static final List<String> CLUSTER = List.of("redis-cluster-0.redis-cluster:6379",
            "redis-cluster-1.redis-cluster:6379");
    private static final String REDIS_SECRET = FULLNAME + "-redis";

    @Test
    void standaloneRendersHostPortDatabaseAndTlsAsBefore() {
        Manifests manifests = TollgateChart.render(Values.splitWithEverything());

        for (String name : List.of(FULLNAME, ISSUER)) {
            assertThat(springDataRedis(manifests, name)).isEqualTo(Map.of(
                    "host", "redis-master", "port", 6379, "database", 0, "ssl", Map.of("enabled", false)));
            assertThat(envNames(manifests.deployment(name))).doesNotContain("SPRING_DATA_REDIS_SENTINEL_PASSWORD");
        }
        assertThat(secretData(manifests)).isEqualTo(Map.of("redis-password", "chart-test-redis-password"));
    }

    @Test
    void sentinelRendersTheMasterNameTheSentinelsAndTheDatabase() {
        Manifests manifests = TollgateChart.render(sentinel("redis.sentinel.database", 2));

        for (String name : List.of(FULLNAME, ISSUER)) {
            assertThat(springDataRedis(manifests, name)).isEqualTo(Map.of(
                    "sentinel", Map.of("master", "tollgate-primary", "nodes", SENTINELS),
                    "database", 2,
                    "ssl", Map.of("enabled", false)));
            Deployment deployment = manifests.deployment(name);
            assertThat(secretRef(deployment, "SPRING_DATA_REDIS_PASSWORD"))
                    .isEqualTo(new SecretKeySelector("redis-password", REDIS_SECRET, null));
            assertThat(secretRef(deployment, "SPRING_DATA_REDIS_SENTINEL_PASSWORD"))
                    .isEqualTo(new SecretKeySelector("sentinel-password", REDIS_SECRET, null));

            DataRedisProperties bound = bind(manifests, name, Map.of(
                    "SPRING_DATA_REDIS_PASSWORD", "chart-test-redis-password",
                    "SPRING_DATA_REDIS_SENTINEL_PASSWORD", "chart-test-sentinel-password"));
            assertThat(bound.getSentinel().getMaster()).isEqualTo("tollgate-primary");
            assertThat(bound.getSentinel().getNodes()).isEqualTo(SENTINELS);
            assertThat(bound.getSentinel().getPassword()).isEqualTo("chart-test-sentinel-password");
            assertThat(bound.getPassword()).isEqualTo("chart-test-redis-password");
            assertThat(bound.getDatabase()).isEqualTo(2);
            assertThat(bound.getCluster()).isNull();
            assertThat(bound.getUrl()).isNull();
        }
        assertThat(secretData(manifests)).isEqualTo(Map.of(
                "redis-password", "chart-test-redis-password",
                "sentinel-password", "chart-test-sentinel-password"));
        assertThat(manifests.all(ConfigMap.class)).allSatisfy(c -> assertThat(c.getData().toString())
                .doesNotContain("chart-test-sentinel-password").doesNotContain("chart-test-redis-password"));
    }

    @Test
    void sentinelWithoutItsOwnPasswordAndWithTlsGivesThePodsNoSentinelPassword() {
        Manifests manifests = TollgateChart.render(sentinel(
                "redis.sentinel.password", "", "redis.password", "", "redis.sentinel.tls", true));

        assertThat(springDataRedis(manifests, FULLNAME)).isEqualTo(Map.of(
                "sentinel", Map.of("master", "tollgate-primary", "nodes", SENTINELS),
                "database", 0,
                "ssl", Map.of("enabled", true)));
        assertThat(envNames(manifests.deployment(FULLNAME)))
                .doesNotContain("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_SENTINEL_PASSWORD");
        assertThat(manifests.all(Secret.class)).extracting(s -> s.getMetadata().getName())
                .doesNotContain(REDIS_SECRET);
    }

    /** A Secret of the operator's may hold the Sentinels' password; when it has no such key, the Sentinels need none. */
    @Test
    void sentinelPasswordFromAnExistingSecretIsOptional() {
        Manifests manifests = TollgateChart.render(sentinel(
                "redis.password", "", "redis.sentinel.password", "",
                "redis.existingSecret", "platform-redis", "redis.passwordKey", "password",
                "redis.sentinel.passwordKey", "sentinel"));

        Deployment gateway = manifests.deployment(FULLNAME);
        assertThat(secretRef(gateway, "SPRING_DATA_REDIS_PASSWORD"))
                .isEqualTo(new SecretKeySelector("password", "platform-redis", null));
        assertThat(secretRef(gateway, "SPRING_DATA_REDIS_SENTINEL_PASSWORD"))
                .isEqualTo(new SecretKeySelector("sentinel", "platform-redis", true));
        assertThat(manifests.all(Secret.class)).extracting(s -> s.getMetadata().getName())
                .doesNotContain(REDIS_SECRET);
    }

    @Test
    void clusterRendersItsNodesAndNoHostPortOrDatabase() {
        Manifests manifests = TollgateChart.render(cluster("redis.cluster.tls", true));

        for (String name : List.of(FULLNAME, ISSUER)) {
            assertThat(springDataRedis(manifests, name)).isEqualTo(Map.of(
                    "cluster", Map.of("nodes", CLUSTER),
                    "ssl", Map.of("enabled", true)));
            assertThat(secretRef(manifests.deployment(name), "SPRING_DATA_REDIS_PASSWORD"))
                    .isEqualTo(new SecretKeySelector("redis-password", REDIS_SECRET, null));
            assertThat(envNames(manifests.deployment(name))).doesNotContain("SPRING_DATA_REDIS_SENTINEL_PASSWORD");

            DataRedisProperties bound = bind(manifests, name,
                    Map.of("SPRING_DATA_REDIS_PASSWORD", "chart-test-redis-password"));
            assertThat(bound.getCluster().getNodes()).isEqualTo(CLUSTER);
            assertThat(bound.getPassword()).isEqualTo("chart-test-redis-password");
            assertThat(bound.getSsl().isEnabled()).isTrue();
            assertThat(bound.getSentinel()).isNull();
        }
        assertThat(secretData(manifests)).isEqualTo(Map.of("redis-password", "chart-test-redis-password"));
    }

    /** A sentinel password left in the values after moving to a cluster is not shipped to the pods. */
    @Test
    void clusterIgnoresTheSentinelSettings() {
        Manifests manifests = TollgateChart.render(cluster(
                "redis.sentinel.masterName", "old-primary", "redis.sentinel.nodes", SENTINELS,
                "redis.sentinel.password", "chart-test-sentinel-password"));

        assertThat(springDataRedis(manifests, FULLNAME)).isEqualTo(Map.of(
                "cluster", Map.of("nodes", CLUSTER), "ssl", Map.of("enabled", false)));
        assertThat(secretData(manifests)).isEqualTo(Map.of("redis-password", "chart-test-redis-password"));
        assertThat(envNames(manifests.deployment(FULLNAME))).doesNotContain("SPRING_DATA_REDIS_SENTINEL_PASSWORD");
    }

    /** Settings of Spring Boot's the chart does not derive, such as the cluster's redirects, pass through {@code config}. */
    @Test
    void clusterKeepsOtherSpringDataRedisSettingsFromConfig() {
        Manifests manifests = TollgateChart.render(cluster("config", Map.of("spring", Map.of("data", Map.of("redis",
                Map.of("cluster", Map.of("max-redirects", 3), "timeout", "2s"))))));

        assertThat(springDataRedis(manifests, FULLNAME)).isEqualTo(Map.of(
                "cluster", Map.of("nodes", CLUSTER, "max-redirects", 3),
                "timeout", "2s",
                "ssl", Map.of("enabled", false)));
    }

    static Map<String, Object> sentinel(Object... more) {
        List<Object> assignments = new ArrayList<>(List.of(
                "redis.mode", "sentinel", "redis.url", "",
                "redis.sentinel.masterName", "tollgate-primary",
                "redis.sentinel.nodes", SENTINELS,
                "redis.sentinel.password", "chart-test-sentinel-password"));
        assignments.addAll(List.of(more));
        return Values.with(Values.splitWithEverything(), assignments.toArray());
    }

    static Map<String, Object> cluster(Object... more) {
        List<Object> assignments = new ArrayList<>(List.of(
                "redis.mode", "cluster", "redis.url", "", "redis.cluster.nodes", CLUSTER));
        assignments.addAll(List.of(more));
        return Values.with(Values.splitWithEverything(), assignments.toArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> springDataRedis(Manifests manifests, String configMap) {
        return (Map<String, Object>) HelmChartTest.at(manifests.applicationYml(configMap), "spring.data.redis");
    }

    /** spring.data.redis bound as Spring Boot binds it: the pod's environment over its application.yml. */
    private static DataRedisProperties bind(Manifests manifests, String configMap, Map<String, Object> env) {
        String yaml = manifests.get(ConfigMap.class, configMap).getData().get("application.yml");
        try {
            List<PropertySource<?>> sources = new ArrayList<>();
            sources.add(new SystemEnvironmentPropertySource("env", env));
            sources.addAll(new YamlPropertySourceLoader()
                    .load("application.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8))));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind("spring.data.redis", DataRedisProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> envNames(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .map(EnvVar::getName).toList();
    }

    private static SecretKeySelector secretRef(Deployment deployment, String env) {
        List<EnvVar> named = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(env)).toList();
        assertThat(named).as("%s of %s", env, deployment.getMetadata().getName()).hasSize(1);
        return named.get(0).getValueFrom().getSecretKeyRef();
    }

    private static Map<String, String> secretData(Manifests manifests) {
        Map<String, String> decoded = new LinkedHashMap<>();
        manifests.get(Secret.class, REDIS_SECRET).getData().forEach((key, value) ->
                decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        return decoded;
    }
}
