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
     * Kills the primary with SIGKILL and waits until the deployment has settled on another one:
     * every Sentinel names the same new primary and none has a failover in progress, that node
     * says it is the primary with every other live node as its replica, and each of those says it
     * replicates from it with its link up. Waiting for the first Sentinel to name another primary
     * is not enough: on a loaded machine a Sentinel can judge the node just promoted down within
     * {@link #DOWN_AFTER} and fail over a second time, leaving the first promoted node a primary
     * without replicas (answering writes that {@code WAIT} cannot get acknowledged) until the
     * Sentinels turn it into a replica seconds later. So the deployment must be found settled twice,
     * {@link #DOWN_AFTER} apart, with the same primary. Returns that primary.
     */
    public RedisProcess failover() {
        RedisProcess old = primary();
        old.kill();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            RedisProcess settled = settledPrimary(old);
            if (settled != null) {
                RedisCli.pause(DOWN_AFTER);
                if (settled == settledPrimary(old)) {
                    return settled;
                }
            }
            RedisCli.pause();
        }
        throw new IllegalStateException("the Sentinels in " + directory + " did not settle on a new primary within "
                + SETTLE);
    }

    /** The primary every Sentinel names, if the whole deployment agrees with them; null while it does not. */
    private RedisProcess settledPrimary(RedisProcess old) {
        List<String> named = new ArrayList<>();
        for (RedisProcess sentinel : sentinels) {
            String flags = sentinel.cli("SENTINEL", "master", MASTER);
            if (flags.contains("failover_in_progress") || flags.contains("s_down")) {
                return null;
            }
            named.add(String.join(":", sentinel.cli("SENTINEL", "get-master-addr-by-name", MASTER).lines().toList()));
        }
        if (named.stream().distinct().count() != 1 || named.get(0).equals(old.address())) {
            return null;
        }
        RedisProcess primary = dataNodes.stream().filter(node -> node.address().equals(named.get(0))).findFirst()
                .orElse(null);
        if (primary == null) {
            return null;
        }
        List<RedisProcess> replicas = dataNodes.stream().filter(node -> node.isAlive() && node != primary).toList();
        String primaryInfo = primary.cli("INFO", "replication");
        if (!"master".equals(RedisCli.field(primaryInfo, "role"))
                || !String.valueOf(replicas.size()).equals(RedisCli.field(primaryInfo, "connected_slaves"))) {
            return null;
        }
        for (RedisProcess replica : replicas) {
            String info = replica.cli("INFO", "replication");
            if (!"slave".equals(RedisCli.field(info, "role"))
                    || !"up".equals(RedisCli.field(info, "master_link_status"))
                    || !String.valueOf(primary.port()).equals(RedisCli.field(info, "master_port"))) {
                return null;
            }
        }
        return primary;
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::close);
        dataNodes.forEach(RedisProcess::close);
    }
}
