package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.LogCapture;
import io.tollgate.support.RedisCluster;
import io.tollgate.support.RedisProcess;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestRedis;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Two replicas on a Redis Cluster of three primaries with a replica each ({@code
 * spring.data.redis.cluster.nodes}); the failover is a replica taking over its killed primary's
 * slots. The primary killed is the one the replicas' announcement subscription is on, where that
 * is a primary, otherwise the one serving the first bucket of revocations. With one replica per
 * primary and {@code wait-replicas: 1}, the promoted replica's shard refuses revocations until the
 * killed node is restarted (same port and {@code nodes.conf}) and has rejoined as its replica.
 */
class ClusterReplicasTest extends TopologyReplicasContract {

    private static RedisCluster cluster;
    private static String prefix;
    private static Replica a;
    private static Replica b;

    /** Six Redis processes and two replicas: more than the suite's two-minute hang guard allows on a loaded machine. */
    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    static void start() {
        cluster = RedisCluster.start();
        prefix = TestRedis.uniquePrefix();
        a = Replica.start(cluster.springProperties(), prefix, SETTINGS);
        b = Replica.start(cluster.springProperties(), prefix, SETTINGS);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        cluster.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Override
    Replica a() {
        return a;
    }

    @Override
    Replica b() {
        return b;
    }

    @Override
    String topology() {
        return "Cluster, cluster-node-timeout " + RedisCluster.NODE_TIMEOUT.toMillis();
    }

    /** The promoted replica has no replica of its own: the killed node, restarted, becomes it. */
    @Override
    Optional<Runnable> killPrimaryAndAwaitFailover() {
        RedisProcess primary = cluster.primariesWithSubscribers().stream().findFirst()
                .orElseGet(() -> cluster.primaryOf(prefix + "revoked:{revoked:0}"));
        System.out.printf("Killing the primary %s (subscribers: %s)%n", primary.address(),
                cluster.primariesWithSubscribers().stream().map(RedisProcess::address).toList());
        cluster.failover(primary);
        return Optional.of(() -> cluster.restart(primary));
    }
}
