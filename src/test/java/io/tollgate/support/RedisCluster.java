package io.tollgate.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis Cluster of three primaries with one replica each, six {@code redis-server 7.0}
 * processes on free ports, made with {@code redis-cli --cluster create}. A node is declared failed
 * after {@link #NODE_TIMEOUT} without an answer, so a primary killed with SIGKILL is replaced by
 * its replica within a few seconds ({@link #failover}). Close it when the test class ends; the
 * processes are killed at JVM exit in any case.
 */
public final class RedisCluster implements AutoCloseable {

    /** {@code cluster-node-timeout}: how long a node may be silent before it is failed over. */
    public static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Path directory;
    private final List<RedisProcess> nodes;

    private RedisCluster(Path directory, List<RedisProcess> nodes) {
        this.directory = directory;
        this.nodes = nodes;
    }

    /** Starts six nodes, joins them into a cluster and waits until every slot is served and every replica in sync. */
    public static RedisCluster start() {
        Path directory = RedisTopologies.newDirectory("cluster");
        List<RedisProcess> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(directory, nodes);
        try {
            for (int i = 1; i <= 6; i++) {
                nodes.add(RedisProcess.start(directory.resolve("node-" + i), List.of(
                        "cluster-enabled yes",
                        "cluster-config-file nodes.conf",
                        "cluster-node-timeout " + NODE_TIMEOUT.toMillis(),
                        // A replica takes over however long it was cut off from its primary.
                        "cluster-replica-validity-factor 0",
                        "save \"\"",
                        "appendonly no"), false));
            }
            List<String> create = new ArrayList<>(List.of(RedisProcess.CLI.toString(), "--cluster", "create"));
            nodes.forEach(node -> create.add(node.address()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String created = RedisCli.run(create);
            if (!created.contains("[OK] All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + created);
            }
            cluster.awaitSettled();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Spring Boot's keys that point Tollgate at this cluster. */
    public Map<String, String> springProperties() {
        return Map.of("spring.data.redis.cluster.nodes", nodeList());
    }

    /** A started connection factory to this cluster, for tests that use the adapters alone. */
    public LettuceConnectionFactory connectionFactory() {
        return TestRedis.started(new LettuceConnectionFactory(new RedisClusterConfiguration(
                nodes.stream().map(RedisProcess::address).toList())));
    }

    /** {@code host:port,host:port,…} of every node started. */
    public String nodeList() {
        return nodes.stream().map(RedisProcess::address).collect(Collectors.joining(","));
    }

    /** The primary that serves {@code key}'s hash slot now. */
    public RedisProcess primaryOf(String key) {
        RedisProcess any = anyLive();
        int slot = Integer.parseInt(any.cli("CLUSTER", "KEYSLOT", key));
        for (String line : any.cli("CLUSTER", "NODES").lines().toList()) {
            String[] fields = line.split(" ");
            if (fields[2].contains("master") && !fields[2].contains("fail") && serves(fields, slot)) {
                return node(fields[1]);
            }
        }
        throw new IllegalStateException("no primary serves slot " + slot);
    }

    /**
     * The live primaries some client has a pub/sub subscription on ({@code CLIENT LIST TYPE
     * pubsub}), in the order started.
     */
    public List<RedisProcess> primariesWithSubscribers() {
        return primaries().stream().filter(node -> !node.cli("CLIENT", "LIST", "TYPE", "pubsub").isBlank()).toList();
    }

    /** The primaries serving slots now. */
    public List<RedisProcess> primaries() {
        return nodes.stream().filter(RedisProcess::isAlive).filter(node -> "master".equals(node.info("replication", "role")))
                .toList();
    }

    /**
     * Kills {@code primary} with SIGKILL and waits until its replica has taken over and every
     * node left says the cluster is whole again ({@code cluster_state:ok}, the killed node marked
     * {@code fail}). Returns the new primary.
     */
    public RedisProcess failover(RedisProcess primary) {
        String id = primary.cli("CLUSTER", "MYID");
        RedisProcess replica = nodes.stream().filter(RedisProcess::isAlive)
                .filter(node -> node != primary)
                .filter(node -> node.cli("CLUSTER", "NODES").lines()
                        .anyMatch(line -> line.contains("myself") && line.split(" ")[3].equals(id)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(primary.address() + " has no replica"));
        primary.kill();
        replica.awaitReply(SETTLE, info -> "master".equals(RedisCli.field(info, "role")), "INFO", "replication");
        for (RedisProcess node : live()) {
            node.awaitReply(SETTLE, known -> known.lines().anyMatch(line ->
                    line.startsWith(id + " ") && line.split(" ")[2].contains("fail")), "CLUSTER", "NODES");
        }
        awaitStateOk();
        return replica;
    }

    /**
     * Starts {@code killed} again (same port, directory and {@code nodes.conf}), as Kubernetes
     * restarts a pod, and waits until it has rejoined as a replica of the primary that took its
     * slots, in sync with it, and every node says the cluster is whole. Returns the restarted node.
     */
    public RedisProcess restart(RedisProcess killed) {
        RedisProcess restarted = killed.restart();
        nodes.set(nodes.indexOf(killed), restarted);
        String id = restarted.cli("CLUSTER", "MYID");
        restarted.awaitReply(SETTLE, info -> "slave".equals(RedisCli.field(info, "role"))
                && "up".equals(RedisCli.field(info, "master_link_status")), "INFO", "replication");
        for (RedisProcess node : live()) {
            node.awaitReply(SETTLE, known -> known.lines().anyMatch(line -> line.startsWith(id + " ")
                    && line.split(" ")[2].contains("slave") && !line.split(" ")[2].contains("fail")),
                    "CLUSTER", "NODES");
        }
        awaitStateOk();
        return restarted;
    }

    private void awaitSettled() {
        awaitStateOk();
        for (RedisProcess node : nodes) {
            if ("slave".equals(node.info("replication", "role"))) {
                node.awaitReply(SETTLE, info -> "up".equals(RedisCli.field(info, "master_link_status")),
                        "INFO", "replication");
            }
        }
    }

    private void awaitStateOk() {
        for (RedisProcess node : live()) {
            node.awaitReply(SETTLE, info -> "ok".equals(RedisCli.field(info, "cluster_state")), "CLUSTER", "INFO");
        }
    }

    private static boolean serves(String[] fields, int slot) {
        return Arrays.stream(fields).skip(8).filter(range -> !range.startsWith("[")).anyMatch(range -> {
            String[] bounds = range.split("-");
            int low = Integer.parseInt(bounds[0]);
            int high = Integer.parseInt(bounds[bounds.length - 1]);
            return low <= slot && slot <= high;
        });
    }

    private RedisProcess node(String announced) {
        String address = announced.substring(0, announced.indexOf('@'));
        return nodes.stream().filter(node -> node.address().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown node " + announced));
    }

    private List<RedisProcess> live() {
        return nodes.stream().filter(RedisProcess::isAlive).toList();
    }

    private RedisProcess anyLive() {
        return live().stream().findFirst().orElseThrow(() -> new IllegalStateException("no node alive in " + directory));
    }

    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
    }
}
