package io.tollgate.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import java.util.Map;

/**
 * One tier of rate limiting, with the headers every response in it carries and its rejection
 * counter, made once.
 *
 * @param name the tier's name: the {@code limit} tag of {@code tollgate_rate_limit_rejections_total}
 * @param replenishRate requests a second
 * @param burstCapacity requests in a burst
 * @param rejections the tier's rejection counter
 */
record RateLimitTier(String name, int replenishRate, long burstCapacity, Counter rejections) {

    static final String LIMIT_HEADER = "X-API-Rate-Limit";
    static final String REMAINING_HEADER = "X-API-Rate-Remaining";
    static final String WINDOW_HEADER = "X-API-Rate-Window";

    static RateLimitTier of(String name, RateLimitProperties.Tier tier, MeterRegistry registry) {
        return new RateLimitTier(name, tier.replenishRate(), tier.burstCapacity(),
                Counter.builder(MeterNames.RATE_LIMIT_REJECTIONS)
                        .description("Requests refused over a rate limit")
                        .tag("limit", name)
                        .register(registry));
    }

    /** Seconds an empty bucket takes to fill: the window the limit is stated over. */
    long windowSeconds() {
        return (burstCapacity + replenishRate - 1) / replenishRate;
    }

    /**
     * Seconds until the next request is allowed, once refused: one token's refill, which is within
     * a second, since a tier refills by at least one token a second.
     */
    long retryAfterSeconds() {
        return 1;
    }

    Map<String, String> headers(long remaining) {
        return Map.of(LIMIT_HEADER, Long.toString(burstCapacity),
                REMAINING_HEADER, Long.toString(remaining),
                WINDOW_HEADER, Long.toString(windowSeconds()));
    }
}
