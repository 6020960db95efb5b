package io.tollgate.gateway;

import io.tollgate.store.StoreAvailability;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Token buckets shared by every replica: Spring Cloud Gateway's {@link RedisRateLimiter} (its Lua
 * script, one round trip a request), with one configuration per tier. Like Spring Cloud Gateway,
 * it lets requests through when Redis does not answer: rate limiting fails open, the guard does not.
 * While the store is known to be unavailable it does not even ask, so requests do not wait on a
 * Redis that is gone.
 *
 * <p>Spring Cloud Gateway names the bucket's two keys {@code
 * request_rate_limiter.{<config>.<id>}.tokens} and {@code .timestamp}: the config name (the tier)
 * and the id (the key prefix and the caller) are their hash tag, so its
 * script runs on one slot of a Redis Cluster; the prefix holds no brace ({@code
 * StoreProperties}), and a caller key that does still gives both keys the same first {@code {…}}.
 */
final class RedisCallerRateLimiter implements CallerRateLimiter {

    private static final Mono<Decision> UNCOUNTED = Mono.just(new Decision(true, -1));

    private final RedisRateLimiter limiter;
    private final StoreAvailability store;
    private final String keyPrefix;

    /**
     * @param keyPrefix put in front of every caller key, so that installations sharing a Redis keep
     *     their budgets apart ({@code tollgate.store.redis.key-prefix})
     */
    RedisCallerRateLimiter(
            RedisRateLimiter limiter, StoreAvailability store, String keyPrefix, Iterable<RateLimitTier> tiers) {
        this.limiter = limiter;
        this.store = store;
        this.keyPrefix = keyPrefix;
        for (RateLimitTier tier : tiers) {
            limiter.getConfig().put(configName(tier), new RedisRateLimiter.Config()
                    .setReplenishRate(tier.replenishRate())
                    .setBurstCapacity(tier.burstCapacity())
                    .setRequestedTokens(1));
        }
    }

    @Override
    public Mono<Decision> tryAcquire(RateLimitTier tier, String key) {
        if (!store.isAvailable()) {
            return UNCOUNTED;
        }
        return limiter.isAllowed(configName(tier), keyPrefix + key).map(response -> {
            String remaining = response.getHeaders().get(limiter.getRemainingHeader());
            return new Decision(response.isAllowed(), remaining == null ? -1 : Long.parseLong(remaining));
        });
    }

    /** Kept apart from the route ids an operator's own {@code RequestRateLimiter} filters use. */
    private static String configName(RateLimitTier tier) {
        return "tollgate." + tier.name();
    }
}
