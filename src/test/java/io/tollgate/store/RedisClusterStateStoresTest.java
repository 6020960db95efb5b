package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.RedisProcess;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The contract and the shared-store tests again, through a cluster connection factory to a Redis
 * in cluster mode that owns every slot. Every script runs through {@link SlotCheckingTemplate}:
 * its declared keys must map to one slot, and Redis refuses any key the script builds itself in
 * another ("Script attempted to access keys that do not hash to the same slot"). A future script
 * that builds a key in Lua, or a call whose keys do not share a hash tag, fails here; {@link
 * RedisScriptKeysTest} also catches a key built in Lua that happens to fall in the same slot. Announcements go through
 * Lettuce's cluster pub/sub connection.
 */
class RedisClusterStateStoresTest extends RedisStateStoresTest {

    private static final RedisProcess NODE = RedisProcess.singleNodeCluster();
    private static final LettuceConnectionFactory CLUSTER = cluster();

    private static LettuceConnectionFactory cluster() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisClusterConfiguration(List.of("127.0.0.1:" + NODE.port())));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @AfterAll
    static void stopCluster() {
        CLUSTER.destroy();
        NODE.close();
    }

    /**
     * Spring Cloud Gateway's bucket script, with the keys its {@code RedisRateLimiter} names (its
     * own method, read by reflection: the layout is Spring Cloud Gateway's), runs on one slot even
     * for a caller key holding braces.
     */
    @Test
    void theRateLimitScriptRunsOnOneSlotWhateverTheCallerKey() throws ReflectiveOperationException {
        Method getKeys = RedisRateLimiter.class.getDeclaredMethod("getKeys", String.class, String.class);
        getKeys.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) getKeys.invoke(null, "tollgate:user:a}b{c", "tollgate.user");
        @SuppressWarnings("rawtypes")
        RedisScript<List> script = RedisScript.of(
                new ClassPathResource("META-INF/scripts/request_rate_limiter.lua"), List.class);
        List<Object> reply = template().execute(script, keys, List.of("1", "2", "", "1")).blockFirst();
        assertThat(reply).as("allowed, one token left").containsExactly(1L, 1L);
    }

    @Override
    LettuceConnectionFactory connections() {
        return CLUSTER;
    }

    /** Every script checked: its keys in one slot, and none it touches outside it. */
    @Override
    ReactiveStringRedisTemplate template() {
        return new SlotCheckingTemplate(CLUSTER);
    }
}
