package io.tollgate.store;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Attempts shared by every replica: one counter per key, which lives for the window after its
 * first attempt, or for the lockout period after the attempt that reached the limit; a counter at
 * the limit is the lock. Reserving is one Lua script (compare with the limit, then count), so
 * replicas and event loops reserving at once never let more than the limit through.
 */
final class RedisLoginAttemptStore implements LoginAttemptStore {

    /** Replies 0 refused, 1 granted, 2 granted and the last before the lock. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RESERVE = RedisScript.of("""
            local limit = tonumber(ARGV[1])
            if tonumber(redis.call('GET', KEYS[1]) or '0') >= limit then return {0} end
            local count = redis.call('INCR', KEYS[1])
            if count >= limit then
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              return {2}
            end
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return {1}
            """, List.class);

    /** Takes one attempt back, never below zero, and keeps the counter's expiry. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RELEASE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
            return {}
            """, List.class);

    private static final List<Reservation> REPLIES = List.of(Reservation.REFUSED, Reservation.GRANTED, Reservation.LAST);

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final Duration window;
    private final Duration lockout;

    RedisLoginAttemptStore(RedisCalls redis, RedisKeys keys, Duration window, Duration lockout) {
        this.redis = redis;
        this.keys = keys;
        this.window = window;
        this.lockout = lockout;
    }

    @Override
    public Mono<Reservation> reserve(String key, int limit) {
        return redis.script(StoreOperation.LOCKOUT_RESERVE, RESERVE, List.of(keys.attempts(key)),
                        limit, window.toMillis(), lockout.toMillis())
                .map(reply -> REPLIES.get(Integer.parseInt(reply.get(0))));
    }

    @Override
    public Mono<Void> release(String key) {
        return redis.script(StoreOperation.LOCKOUT_RELEASE, RELEASE, List.of(keys.attempts(key))).then();
    }

    @Override
    public Mono<Void> reset(String key) {
        return redis.call(StoreOperation.LOCKOUT_RESET, redis.template().delete(keys.attempts(key))).then();
    }
}
