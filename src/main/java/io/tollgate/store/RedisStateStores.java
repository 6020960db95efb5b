package io.tollgate.store;

import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** Stores in Redis, shared by every replica; values are JSON, keys as {@link RedisKeys} spells them. */
final class RedisStateStores implements StateStores {

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final Clock clock;

    RedisStateStores(RedisCalls redis, RedisKeys keys, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public <T> AuthorizationCodeStore<T> authorizationCodes(Class<T> type) {
        return new RedisAuthorizationCodeStore<>(redis, keys, json, type);
    }

    @Override
    public <T> GrantFamilyStore<T> grantFamilies(Class<T> type) {
        return new RedisGrantFamilyStore<>(redis, keys, json, type, clock);
    }

    @Override
    public LoginAttemptStore loginAttempts(Duration window, Duration lockout) {
        return new RedisLoginAttemptStore(redis, keys, window, lockout);
    }
}
