package io.tollgate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that would deploy but not work fail the rendering with a message saying why; values of
 * the wrong shape fail values.schema.json.
 */
class ChartGuardsTest {

    private static final String NEEDS_REDIS = "need store.type=redis";
    private static final String SCHEMA = "values don't meet the specifications of the schema";

    @Test
    void moreThanOneGatewayReplicaNeedsRedis() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("gateway.replicaCount", 2)))
                .hasMessageContaining(NEEDS_REDIS);
        assertThat(TollgateChart.render(Values.with(redis(), "gateway.replicaCount", 2, "secrets.jwks", Values.JWKS))
                .deployment(TollgateChart.FULLNAME).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void autoscalingNeedsRedis() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("autoscaling.enabled", true)))
                .hasMessageContaining(NEEDS_REDIS);
    }

    @Test
    void splitModeNeedsRedis() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("issuer.mode", "split")))
                .hasMessageContaining(NEEDS_REDIS);
        assertThat(TollgateChart.render(Values.with(redis(), "issuer.mode", "split")).deployment(TollgateChart.ISSUER))
                .isNotNull();
    }

    @Test
    void redisNeedsItsUrl() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("store.type", "redis")))
                .hasMessageContaining("store.type=redis needs redis.url");
        assertThatThrownBy(() -> TollgateChart.template(Values.of("store.type", "redis", "redis.mode", "standalone",
                "redis.cluster.nodes", List.of("redis-0:6379"))))
                .as("another mode's settings do not stand in for the url").hasMessageContaining("store.type=redis needs redis.url");
    }

    /**
     * Host, port, database and TLS from {@code redis.url}, never the url itself: Spring Boot takes
     * the password only from a url when one is set, so the Secret's password would be ignored.
     */
    @ParameterizedTest
    @CsvSource({
        "redis://redis-master:6379, redis-master, 6379, 0, false",
        "rediss://redis.example.com:6380/2, redis.example.com, 6380, 2, true",
        "redis://redis-master, redis-master, 6379, 0, false",
        "redis://[fd00::1]:7000/, fd00::1, 7000, 0, false"})
    void redisIsNamedByHostAndPortSoThePasswordCounts(String url, String host, int port, int database, boolean ssl) {
        Manifests manifests = TollgateChart.render(Values.of("store.type", "redis", "redis.url", url));
        assertThat(HelmChartTest.at(manifests.applicationYml(TollgateChart.FULLNAME), "spring.data.redis")).isEqualTo(Map.of("host", host, "port", port, "database", database, "ssl", Map.of("enabled", ssl)));
    }

    @Test
    void redisUrlRefusesWhatWouldBeIgnoredOrLeak() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("store.type", "redis",
                "redis.url", "redis://:hunter2@redis-master:6379")))
                .hasMessageContaining("redis.url must not carry a user or password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> TollgateChart.template(Values.of("store.type", "redis",
                "redis.url", "redis://redis-master:6379/zero")))
                .hasMessageContaining("redis.url's path can only name the database");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(redis(),
                "config", Map.of("spring", Map.of("data", Map.of("redis", Map.of("url", "redis://other:6379")))))))
                .hasMessageContaining("config.spring.data.redis.url would outrank");
    }

    @Test
    void aTopologyIsNamedByRedisModeNotByConfig() {
        for (Map<String, Object> topology : List.<Map<String, Object>>of(
                Map.of("sentinel", Map.of("master", "mymaster")),
                Map.of("sentinel", Map.of("nodes", List.of("sentinel:26379"))),
                Map.of("cluster", Map.of("nodes", List.of("redis-0:6379"))))) {
            for (Map<String, Object> values : List.of(redis(), ChartRedisModesTest.sentinel(),
                    ChartRedisModesTest.cluster())) {
                assertThatThrownBy(() -> TollgateChart.template(Values.with(values,
                        "config", Map.of("spring", Map.of("data", Map.of("redis", topology))))))
                        .hasMessageContaining("config.spring.data.redis.sentinel / .cluster would change the topology");
            }
        }
        assertThatThrownBy(() -> TollgateChart.template(Values.with(ChartRedisModesTest.cluster(),
                "config", Map.of("spring", Map.of("data", Map.of("redis", Map.of("url", "redis://other:6379")))))))
                .hasMessageContaining("config.spring.data.redis.url would outrank");
    }

    @Test
    void sentinelAndClusterModesNeedNoUrl() {
        assertThat(TollgateChart.template(Values.of("store.type", "redis", "redis.mode", "cluster",
                "redis.cluster.nodes", List.of("redis-0:6379")))).isNotBlank();
        assertThat(TollgateChart.template(Values.of("store.type", "redis", "redis.mode", "sentinel",
                "redis.sentinel.masterName", "mymaster", "redis.sentinel.nodes", List.of("sentinel:26379")))).isNotBlank();
    }

    /** Each mode's required settings, and redis.url only in standalone mode, where it is read. */
    @Test
    void schemaRequiresEachModesOwnSettings() {
        Map<String, Object> sentinel = ChartRedisModesTest.sentinel();
        Map<String, Object> cluster = ChartRedisModesTest.cluster();

        assertThatThrownBy(() -> TollgateChart.template(Values.with(sentinel, "redis.sentinel.masterName", "")))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/sentinel/masterName'");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(sentinel, "redis.sentinel.nodes", List.of())))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/sentinel/nodes'");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(sentinel, "redis.url", "redis://redis-master:6379")))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/url'");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(cluster, "redis.cluster.nodes", List.of())))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/cluster/nodes'");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(cluster, "redis.url", "redis://redis-master:6379")))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/url'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-0", "redis://redis-0:6379", "redis-0:port", "fd00::1:6379", "redis 0:6379", ""})
    void schemaRejectsANodeThatIsNotHostAndPort(String node) {
        assertThatThrownBy(() -> TollgateChart.template(Values.with(ChartRedisModesTest.cluster(),
                "redis.cluster.nodes", List.of("redis-1:6379", node))))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/cluster/nodes/1'");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(ChartRedisModesTest.sentinel(),
                "redis.sentinel.nodes", List.of(node))))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/redis/sentinel/nodes/0'");
    }

    @Test
    void severalSigningPodsNeedSharedKeys() {
        assertThatThrownBy(() -> TollgateChart.template(Values.with(redis(), "gateway.replicaCount", 3)))
                .hasMessageContaining("more than one pod signs tokens");
        assertThatThrownBy(() -> TollgateChart.template(Values.with(redis(),
                "issuer.mode", "split", "issuer.replicaCount", 2)))
                .hasMessageContaining("more than one pod signs tokens");
        assertThat(TollgateChart.template(Values.with(redis(),
                "issuer.mode", "split", "issuer.replicaCount", 2, "secrets.existingSecret", "keys"))).isNotBlank();
    }

    @Test
    void theGracePeriodMustOutlastTheDrain() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of(
                "shutdown.terminationGracePeriodSeconds", 30, "shutdown.drainSeconds", 30)))
                .hasMessageContaining("terminationGracePeriodSeconds must exceed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuer.mode=bogus", "store.type=disk", "store.onFailure=maybe", "service.type=Ingress",
        "image.pullPolicy=Sometimes", "issuer.uri=localhost", "redis.url=localhost:6379", "redis.mode=replicated"})
    void schemaRejectsAnUnknownChoice(String assignment) {
        String[] pathAndValue = assignment.split("=", 2);

        assertThatThrownBy(() -> TollgateChart.template(Values.of(pathAndValue[0], pathAndValue[1])))
                .hasMessageContaining(SCHEMA)
                .hasMessageContaining("at '/" + pathAndValue[0].replace('.', '/') + "'");
    }

    @Test
    void schemaRejectsWrongTypesAndUnknownKeys() {
        assertThatThrownBy(() -> TollgateChart.template(Values.of("gateway.replicaCount", "two")))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/gateway/replicaCount': got string, want integer");
        assertThatThrownBy(() -> TollgateChart.template(Values.of("gateway.replicaCount", 0)))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/gateway/replicaCount'");
        assertThatThrownBy(() -> TollgateChart.template(Values.of("replicaCount", 2)))
                .hasMessageContaining(SCHEMA).hasMessageContaining("'replicaCount' not allowed");
        assertThatThrownBy(() -> TollgateChart.template(Values.of("autoscaling.enable", true)))
                .hasMessageContaining(SCHEMA).hasMessageContaining("at '/autoscaling'").hasMessageContaining("'enable'");
    }

    private static Map<String, Object> redis() {
        return Values.of("store.type", "redis", "redis.url", "redis://redis-master:6379");
    }
}
