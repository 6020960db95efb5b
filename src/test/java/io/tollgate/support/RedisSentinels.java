package io.tollgate.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Sentinel deployment: a primary with two replicas, watched by three Sentinels (quorum 2),
 * six {@code redis-server 7.0} processes on free ports. A primary is declared down after {@link
 * #DOWN_AFTER} without an answer, so one killed with SIGKILL is replaced within a few seconds
 * ({@link #failover}). Close it when the test class ends; the processes are killed at JVM exit in
 * any case.
 */
public final class RedisSentinels implements AutoCloseable {

    /** The name the Sentinels know the primary by ({@code spring.data.redis.sentinel.master}). */
    public static final String MASTER = "tollgate";

    /** {@code down-after-milliseconds}: how long the primary may be silent before it is failed over. */
    public static final Duration DOWN_AFTER = Duration.ofMillis(1000);

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Path directory;
    private final List<RedisProcess> dataNodes;
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private RedisSentinels(Path directory, List<RedisProcess> dataNodes) {
        this.directory = directory;
        this.dataNodes = dataNodes;
    }

    /** Starts the primary, its replicas (waiting until they are in sync) and the Sentinels (until each knows them all). */
    public static RedisSentinels start() {
        Path directory = RedisTopologies.newDirectory("sentinel");
        List<RedisProcess> dataNodes = new ArrayList<>();
        RedisSentinels deployment = new RedisSentinels(directory, dataNodes);
        try {
            List<String> data = List.of("save \"\"", "appendonly no");
            RedisProcess primary = RedisProcess.start(directory.resolve("primary"), data, false);
            dataNodes.add(primary);
            for (int i = 1; i <= 2; i++) {
                List<String> replica = new ArrayList<>(data);
                replica.add("replicaof 127.0.0.1 " + primary.port());
                dataNodes.add(RedisProcess.start(directory.resolve("replica-" + i), replica, false));
            }
            primary.awaitReply(SETTLE, info -> "2".equals(RedisCli.field(info, "connected_slaves")),
                    "INFO", "replication");
            for (RedisProcess replica : dataNodes.subList(1, 3)) {
                replica.awaitReply(SETTLE, info -> "up".equals(RedisCli.field(info, "master_link_status")),
                        "INFO", "replication");
            }
            for (int i = 1; i <= 3; i++) {
                deployment.sentinels.add(RedisProcess.start(directory.resolve("sentinel-" + i), List.of(
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER.toMillis(),
                        "sentinel failover-timeout " + MASTER + " 5000",
                        "sentinel parallel-syncs " + MASTER + " 2"), true));
            }
            for (RedisProcess sentinel : deployment.sentinels) {
                sentinel.awaitReply(SETTLE, info -> RedisCli.field(info, "master0").endsWith("slaves=2,sentinels=3"),
                        "INFO", "sentinel");
            }
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    /** Spring Boot's keys that point Tollgate at these Sentinels. */
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.data.redis.sentinel.master", MASTER,
                "spring.data.redis.sentinel.nodes",
                sentinels.stream().map(RedisProcess::address).collect(Collectors.joining(",")));
    }

    /** A started connection factory to the primary these Sentinels name, for tests that use the adapters alone. */
    public LettuceConnectionFactory connectionFactory() {
        RedisSentinelConfiguration configuration = new RedisSentinelConfiguration();
        configuration.master(MASTER);
        sentinels.forEach(sentinel -> configuration.sentinel("127.0.0.1", sentinel.port()));
        return TestRedis.started(new LettuceConnectionFactory(configuration));
    }

    /** The node the Sentinels name as primary now. */
    public RedisProcess primary() {
        String address = String.join(":", sentinels.stream().filter(RedisProcess::isAlive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Sentinel alive in " + directory))
                .cli("SENTINEL", "get-master-addr-by-name", MASTER).lines().toList());
        return dataNodes.stream().filter(node -> node.address().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown primary " + address));
    }

    /**
     * Kills the primary with SIGKILL and waits until every Sentinel names another one, that one
     * says it is the primary, and the remaining replica is in sync with it. Returns the new primary.
     */
    public RedisProcess failover() {
        RedisProcess old = primary();
        old.kill();
        for (RedisProcess sentinel : sentinels) {
            sentinel.awaitReply(SETTLE, reply -> !reply.isEmpty() && !reply.endsWith("\n" + old.port())
                    && !reply.startsWith("(nil)"), "SENTINEL", "get-master-addr-by-name", MASTER);
        }
        RedisProcess promoted = primary();
        promoted.awaitReply(SETTLE, info -> "master".equals(RedisCli.field(info, "role"))
                && "1".equals(RedisCli.field(info, "connected_slaves")), "INFO", "replication");
        for (RedisProcess node : dataNodes) {
            if (node.isAlive() && node != promoted) {
                node.awaitReply(SETTLE, info -> "up".equals(RedisCli.field(info, "master_link_status"))
                        && String.valueOf(promoted.port()).equals(RedisCli.field(info, "master_port")),
                        "INFO", "replication");
            }
        }
        return promoted;
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::close);
        dataNodes.forEach(RedisProcess::close);
    }
}
