package io.tollgate.replicas;

import io.tollgate.support.RedisCluster;
import java.util.Map;

/**
 * {@link RevocationPropagationBenchmark} on a real Redis Cluster of three primaries with a replica
 * each ({@link RedisCluster}): the two replicas find it through {@code spring.data.redis.cluster.nodes},
 * and an announcement written at A's node has to cross the cluster to B's subscription. Not part
 * of {@code ./mvnw verify}; run it with {@code ./mvnw test -Dtest=ClusterRevocationPropagationBenchmark}.
 * It writes {@code target/redis-cluster-revocation-propagation.txt} and
 * {@code target/redis-cluster-cut-off-propagation.txt}.
 */
class ClusterRevocationPropagationBenchmark extends RevocationPropagationBenchmark {

    private RedisCluster cluster;

    @Override
    Map<String, String> startRedis() {
        cluster = RedisCluster.start();
        return cluster.springProperties();
    }

    @Override
    void stopRedis() {
        cluster.close();
    }

    @Override
    String topology() {
        return "Redis Cluster ";
    }
}
