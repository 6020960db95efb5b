package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;

/**
 * A template that checks every script it runs: the keys passed in {@code KEYS[]} map to one hash
 * slot ({@link SlotHash#getSlot}), and the script runs with a {@code #!lua} first line, which
 * makes Redis 7 refuse any key the script touches in another slot than its declared ones (a
 * script without it runs in the compatibility mode that allows such keys).
 */
final class SlotCheckingTemplate extends ReactiveStringRedisTemplate {

    SlotCheckingTemplate(ReactiveRedisConnectionFactory connections) {
        super(connections);
    }

    @Override
    public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<?> args) {
        assertThat(keys).as("a script names at least one key").isNotEmpty();
        assertThat(keys.stream().map(SlotHash::getSlot).distinct().toList())
                .as("the slots of " + keys).hasSize(1);
        return super.execute(RedisScript.of("#!lua\n" + script.getScriptAsString(), script.getResultType()), keys,
                args);
    }
}
