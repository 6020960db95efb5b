package io.tollgate.store;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Codes shared by every replica: a hash per code ({@code grant}, {@code uses}) that expires with
 * the code. Redemption is one Lua script, so of concurrent redemptions at any replicas exactly one
 * sees the first use; reading a code without redeeming it is one script too, so it sees {@code
 * grant} and {@code uses} of one moment.
 */
final class RedisAuthorizationCodeStore<T> implements AuthorizationCodeStore<T> {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SAVE = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'grant', ARGV[1], 'uses', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return {}
            """, List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> FIND = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            return redis.call('HMGET', KEYS[1], 'grant', 'uses')
            """, List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REDEEM = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            local uses = redis.call('HINCRBY', KEYS[1], 'uses', 1)
            return {redis.call('HGET', KEYS[1], 'grant'), tostring(uses)}
            """, List.class);

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final Class<T> type;

    RedisAuthorizationCodeStore(RedisCalls redis, RedisKeys keys, JsonMapper json, Class<T> type) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.type = type;
    }

    @Override
    public Mono<Void> save(String code, T grant, Duration ttl) {
        return redis.script(StoreOperation.CODE_SAVE, SAVE, List.of(keys.code(code)), json.writeValueAsString(grant),
                        ttl.toMillis())
                .then();
    }

    @Override
    public Mono<Redemption<T>> find(String code) {
        return redis.script(StoreOperation.CODE_FIND, FIND, List.of(keys.code(code))).map(reply -> redemption(reply, 0));
    }

    /**
     * With {@code wait-replicas}, a redemption too few replicas acknowledged is refused (empty, as
     * an unknown code): the code is spent on the primary, and a failover now could bring it back
     * unspent, so no tokens are issued for it (safety first).
     */
    @Override
    public Mono<Redemption<T>> redeem(String code) {
        return redis.replicatedScript(StoreOperation.CODE_REDEEM, REDEEM, List.of(keys.code(code)))
                .onErrorResume(ReplicationShortfall::causes, unreplicated -> Mono.empty())
                .map(reply -> redemption(reply, 1));
    }

    /** A reply of {@code grant} and {@code uses}, this call's own use counted in {@code ownUses}. */
    private Redemption<T> redemption(List<String> reply, int ownUses) {
        return new Redemption<>(json.readValue(reply.get(0), type), Long.parseLong(reply.get(1)) > ownUses);
    }
}
