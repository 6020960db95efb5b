package io.tollgate.store;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Failed attempts shared by every replica: a counter per key that lives for the window after its
 * first failure, and a lock key set for the lockout period by the failure that reaches the limit.
 * Counting and locking are one Lua script, so replicas counting at once never miss the limit.
 */
final class RedisLoginAttemptStore implements LoginAttemptStore {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RECORD_FAILURE = RedisScript.of("""
            local failures = redis.call('INCR', KEYS[1])
            if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if failures >= tonumber(ARGV[1]) then
              redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            return {}
            """, List.class);

    private final RedisCalls redis;
    private final String failuresPrefix;
    private final String lockPrefix;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;

    RedisLoginAttemptStore(RedisCalls redis, String keyPrefix, int maxFailures, Duration window, Duration lockout) {
        this.redis = redis;
        this.failuresPrefix = keyPrefix + "failures:";
        this.lockPrefix = keyPrefix + "locked:";
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    @Override
    public Mono<Boolean> isLocked(String key) {
        return redis.call(StoreOperation.LOCKOUT_CHECK, redis.template().hasKey(lockPrefix + key));
    }

    @Override
    public Mono<Void> recordFailure(String key) {
        return redis.script(StoreOperation.LOCKOUT_FAIL, RECORD_FAILURE, List.of(failuresPrefix + key, lockPrefix + key),
                        maxFailures, window.toMillis(), lockout.toMillis())
                .then();
    }

    @Override
    public Mono<Void> reset(String key) {
        return redis.call(StoreOperation.LOCKOUT_RESET, redis.template().delete(failuresPrefix + key, lockPrefix + key)).then();
    }
}
