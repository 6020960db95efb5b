package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.LogCapture;
import io.tollgate.support.RedisSentinels;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two replicas on a primary with two replicas under three Sentinels, found through the Sentinels
 * ({@code spring.data.redis.sentinel.*}); the failover is the Sentinels' promotion of a replica.
 */
class SentinelReplicasTest extends TopologyReplicasContract {

    private static RedisSentinels sentinels;
    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void start() {
        sentinels = RedisSentinels.start();
        String prefix = TestRedis.uniquePrefix();
        a = Replica.start(sentinels.springProperties(), prefix, SETTINGS);
        b = Replica.start(sentinels.springProperties(), prefix, SETTINGS);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        sentinels.close();
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
        return "Sentinel, down-after-milliseconds " + RedisSentinels.DOWN_AFTER.toMillis();
    }

    @Override
    void killPrimaryAndAwaitFailover() {
        sentinels.failover();
    }
}
