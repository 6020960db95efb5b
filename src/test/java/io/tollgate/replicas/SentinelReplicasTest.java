package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.support.LogCapture;
import io.tollgate.support.RedisSentinels;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestRedis;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two replicas on a primary with two replicas under three Sentinels, found through the Sentinels
 * ({@code spring.data.redis.sentinel.*}); the failover is the Sentinels' promotion of a replica.
 */
class SentinelReplicasTest extends TopologyReplicasContract {

    private static RedisSentinels sentinels;
    private static Replica a;
    private static Replica b;

    /** Six Redis processes and two replicas: more than the suite's two-minute hang guard allows on a loaded machine. */
    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
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

    /** Through the Sentinels, Lettuce could read from the replicas: Tollgate refuses to start so. */
    @Test
    void aReplicaSetToReadFromRedisReplicasRefusesToStart() {
        Map<String, String> readFromReplicas = new HashMap<>(SETTINGS);
        readFromReplicas.put("spring.data.redis.lettuce.read-from", "replica-preferred");
        assertThatThrownBy(() -> Replica.start(sentinels.springProperties(), TestRedis.uniquePrefix(), readFromReplicas))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("spring.data.redis.lettuce.read-from=replica-preferred would read Tollgate's state from"
                        + " replicas, which lag behind the primary: remove it (Tollgate reads from the primary only)");
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

    /** The promoted replica has the other one as its replica at once: nothing to restart. */
    @Override
    Optional<Runnable> killPrimaryAndAwaitFailover() {
        sentinels.failover();
        return Optional.empty();
    }
}
