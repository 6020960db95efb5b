package io.tollgate.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Token buckets of a single instance, with the arithmetic of Spring Cloud Gateway's {@code
 * RedisRateLimiter} script (refill at the replenish rate, capped at the burst capacity, one token a
 * request), so a route behaves the same on either store. A bucket is forgotten once it would have
 * refilled, which bounds the memory an address flood can take.
 */
final class MemoryRateLimiter implements CallerRateLimiter {

    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    MemoryRateLimiter(Clock clock, Duration longestWindow) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfterAccess(longestWindow.multipliedBy(2))
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public Mono<Decision> tryAcquire(RateLimitTier tier, String key) {
        long now = clock.millis();
        Bucket bucket = buckets.asMap().compute(tier.name() + ':' + key,
                (name, current) -> (current == null ? Bucket.full(tier, now) : current).take(tier, now));
        return Mono.just(new Decision(bucket.allowed(), (long) Math.floor(bucket.tokens())));
    }

    private record Bucket(double tokens, long at, boolean allowed) {

        static Bucket full(RateLimitTier tier, long now) {
            return new Bucket(tier.burstCapacity(), now, true);
        }

        Bucket take(RateLimitTier tier, long now) {
            double refilled = Math.min(tier.burstCapacity(),
                    tokens + Math.max(0, now - at) / 1000.0 * tier.replenishRate());
            return refilled >= 1 ? new Bucket(refilled - 1, now, true) : new Bucket(refilled, now, false);
        }
    }
}
