package io.tollgate.store;

import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** Stores in Redis, shared by every replica; values are JSON, keys start with the configured prefix. */
final class RedisStateStores implements StateStores {

    private final RedisCalls redis;
    private final String keyPrefix;
    private final JsonMapper json;
    private final Clock clock;

    RedisStateStores(RedisCalls redis, String keyPrefix, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public <T> AuthorizationCodeStore<T> authorizationCodes(Class<T> type) {
        return new RedisAuthorizationCodeStore<>(redis, keyPrefix, json, type);
    }

    @Override
    public <T> GrantFamilyStore<T> grantFamilies(Class<T> type) {
        return new RedisGrantFamilyStore<>(redis, keyPrefix, json, type, clock);
    }

    @Override
    public LoginAttemptStore loginAttempts(Duration window, Duration lockout) {
        return new RedisLoginAttemptStore(redis, keyPrefix, window, lockout);
    }
}
