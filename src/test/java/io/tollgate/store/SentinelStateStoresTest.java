package io.tollgate.store;

import io.tollgate.support.RedisSentinels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The contract on a primary with two replicas under three Sentinels, reached through the Sentinels. */
class SentinelStateStoresTest extends RedisTopologyContract {

    private static RedisSentinels sentinels;
    private static LettuceConnectionFactory connections;

    @BeforeAll
    static void start() {
        sentinels = RedisSentinels.start();
        connections = sentinels.connectionFactory();
    }

    @AfterAll
    static void stop() {
        connections.destroy();
        sentinels.close();
    }

    @Override
    LettuceConnectionFactory connections() {
        return connections;
    }
}
