package io.tollgate.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grant families shared by every replica. A refresh token is a hash ({@code family}, {@code
 * grant}, {@code uses}) under its digest, expiring with it; a family is a hash of its access
 * tokens ({@code at:<jti>} → {@code exp}) and a {@code revoked} flag, living as long as its
 * longest-lived member (an access token until {@code exp} plus {@link
 * RevocationStore#LONGEST_CLOCK_SKEW}). Every change is one Lua script, so a refresh token's
 * single use holds under concurrency at any replicas, and the additions to a family and its
 * revocation are ordered: an addition either is in the revocation's reply or sees the flag.
 */
final class RedisGrantFamilyStore<T> implements GrantFamilyStore<T> {

    /** Lengthens the life of {@code KEYS[i]} to {@code ms}, never shortens it. */
    private static final String EXTEND = """
            local function extend(i, ms)
              if redis.call('PTTL', KEYS[i]) < tonumber(ms) then redis.call('PEXPIRE', KEYS[i], ms) end
            end
            """;

    /** Records the member whatever the family's state; replies whether the family is revoked. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADD_ACCESS_TOKEN = RedisScript.of(EXTEND + """
            redis.call('HSET', KEYS[1], 'at:' .. ARGV[1], ARGV[2])
            extend(1, ARGV[3])
            return {redis.call('HGET', KEYS[1], 'revoked') or '0'}
            """, List.class);

    /** Stores nothing in a revoked family; replies whether it stored the token. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SAVE_REFRESH_TOKEN = RedisScript.of(EXTEND + """
            if redis.call('HGET', KEYS[2], 'revoked') == '1' then return {'0'} end
            redis.call('HSET', KEYS[1], 'family', ARGV[1], 'grant', ARGV[2], 'uses', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('HSETNX', KEYS[2], 'revoked', '0')
            extend(2, ARGV[3])
            return {'1'}
            """, List.class);

    /**
     * Shared by find and use: KEYS are the token and its family (one hash tag), ARGV[1] is 1 to use
     * the token, 0 to read it.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REFRESH_TOKEN = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            local uses
            if ARGV[1] == '1' then uses = redis.call('HINCRBY', KEYS[1], 'uses', 1)
            else uses = redis.call('HGET', KEYS[1], 'uses') end
            if redis.call('HGET', KEYS[2], 'revoked') == '1' then return {} end
            return {redis.call('HGET', KEYS[1], 'family'), redis.call('HGET', KEYS[1], 'grant'), tostring(uses)}
            """, List.class);

    /** Creates the family if need be, so that a member added later still finds it revoked. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REVOKE_FAMILY = RedisScript.of(EXTEND + """
            redis.call('HSET', KEYS[1], 'revoked', '1')
            extend(1, ARGV[1])
            return redis.call('HGETALL', KEYS[1])
            """, List.class);

    private static final String ACCESS_TOKEN_FIELD = "at:";

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final Class<T> type;
    private final Clock clock;

    RedisGrantFamilyStore(RedisCalls redis, RedisKeys keys, JsonMapper json, Class<T> type, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.type = type;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> addAccessToken(String familyId, String tokenId, Instant expiresAt) {
        return redis.script(StoreOperation.FAMILY_ADD, ADD_ACCESS_TOKEN, List.of(keys.family(familyId)),
                        tokenId, expiresAt.getEpochSecond(),
                        millisUntil(expiresAt.plus(RevocationStore.LONGEST_CLOCK_SKEW)))
                .map(reply -> !"1".equals(reply.get(0)));
    }

    @Override
    public Mono<Boolean> saveRefreshToken(RefreshTokenKey token, T grant, Instant expiresAt) {
        return redis.script(StoreOperation.REFRESH_SAVE, SAVE_REFRESH_TOKEN,
                        List.of(keys.refreshToken(token), keys.family(token.familyId())),
                        token.familyId(), json.writeValueAsString(grant), millisUntil(expiresAt))
                .map(reply -> "1".equals(reply.get(0)));
    }

    @Override
    public Mono<RefreshUse<T>> findRefreshToken(RefreshTokenKey token) {
        return refreshToken(StoreOperation.REFRESH_FIND, token, 0);
    }

    @Override
    public Mono<RefreshUse<T>> useRefreshToken(RefreshTokenKey token) {
        return refreshToken(StoreOperation.REFRESH_USE, token, 1);
    }

    /**
     * Reads ({@code use} 0) or uses ({@code use} 1) a refresh token in one script. With {@code
     * wait-replicas}, a use too few replicas acknowledged is refused (empty): the token is spent on
     * the primary, and a failover now could bring it back unused.
     */
    private Mono<RefreshUse<T>> refreshToken(StoreOperation operation, RefreshTokenKey token, int use) {
        List<String> scriptKeys = List.of(keys.refreshToken(token), keys.family(token.familyId()));
        Mono<List<String>> stored = use == 0
                ? redis.script(operation, REFRESH_TOKEN, scriptKeys, use)
                : redis.replicatedScript(operation, REFRESH_TOKEN, scriptKeys, use)
                        .onErrorResume(ReplicationShortfall::causes, unreplicated -> Mono.empty());
        return stored
                .map(reply -> new RefreshUse<>(reply.get(0), json.readValue(reply.get(1), type),
                        Long.parseLong(reply.get(2)) > use));
    }

    @Override
    public Mono<String> familyOf(RefreshTokenKey token) {
        return redis.call(StoreOperation.REFRESH_FAMILY,
                redis.template().<String, String>opsForHash().get(keys.refreshToken(token), "family"));
    }

    /**
     * With {@code wait-replicas}, a family revocation too few replicas acknowledged still returns
     * its access tokens: their revocations, each waited for in turn, are what the caller answers
     * by (a shortfall there fails the call, and the caller retries; revoking is idempotent).
     */
    @Override
    public Mono<List<FamilyToken>> revokeFamily(String familyId, Instant rememberUntil) {
        return redis.replicatedScript(StoreOperation.FAMILY_REVOKE, REVOKE_FAMILY, List.of(keys.family(familyId)),
                        millisUntil(rememberUntil))
                .onErrorResume(ReplicationShortfall::causes, unreplicated -> Mono.just(
                        ReplicationShortfall.replyOf(unreplicated)))
                .map(RedisGrantFamilyStore::accessTokens);
    }

    /** The {@code at:<jti>} fields of a family hash, read as flat field/value pairs. */
    private static List<FamilyToken> accessTokens(List<String> fieldsAndValues) {
        List<FamilyToken> tokens = new ArrayList<>();
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            String field = fieldsAndValues.get(i);
            if (field.startsWith(ACCESS_TOKEN_FIELD)) {
                tokens.add(new FamilyToken(field.substring(ACCESS_TOKEN_FIELD.length()),
                        Instant.ofEpochSecond(Long.parseLong(fieldsAndValues.get(i + 1)))));
            }
        }
        return List.copyOf(tokens);
    }

    /** At least one millisecond: Redis refuses a zero or negative expiry. */
    private long millisUntil(Instant instant) {
        return Math.max(1, Duration.between(clock.instant(), instant).toMillis());
    }
}
