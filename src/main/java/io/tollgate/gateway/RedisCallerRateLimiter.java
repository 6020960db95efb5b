package io.tollgate.gateway;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Token buckets shared by every replica: Spring Cloud Gateway's {@link RedisRateLimiter} (its Lua
 * script, one round trip a request), with one configuration per tier. Like Spring Cloud Gateway,
 * it lets requests through when Redis does not answer: rate limiting fails open, the guard does not.
 */
final class RedisCallerRateLimiter implements CallerRateLimiter {

    private final RedisRateLimiter limiter;

    RedisCallerRateLimiter(RedisRateLimiter limiter, Iterable<RateLimitTier> tiers) {
        this.limiter = limiter;
        for (RateLimitTier tier : tiers) {
            limiter.getConfig().put(configName(tier), new RedisRateLimiter.Config()
                    .setReplenishRate(tier.replenishRate())
                    .setBurstCapacity(tier.burstCapacity())
                    .setRequestedTokens(1));
        }
    }

    @Override
    public Mono<Decision> tryAcquire(RateLimitTier tier, String key) {
        return limiter.isAllowed(configName(tier), key).map(response -> {
            String remaining = response.getHeaders().get(limiter.getRemainingHeader());
            return new Decision(response.isAllowed(), remaining == null ? -1 : Long.parseLong(remaining));
        });
    }

    /** Kept apart from the route ids an operator's own {@code RequestRateLimiter} filters use. */
    private static String configName(RateLimitTier tier) {
        return "tollgate." + tier.name();
    }
}
