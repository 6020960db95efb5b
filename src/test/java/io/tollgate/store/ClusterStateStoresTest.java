package io.tollgate.store;

import io.tollgate.support.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The contract on a Redis Cluster of three primaries with a replica each: every script's keys in one slot. */
class ClusterStateStoresTest extends RedisTopologyContract {

    private static RedisCluster cluster;
    private static LettuceConnectionFactory connections;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start();
        connections = cluster.connectionFactory();
    }

    @AfterAll
    static void stop() {
        connections.destroy();
        cluster.close();
    }

    @Override
    LettuceConnectionFactory connections() {
        return connections;
    }
}
