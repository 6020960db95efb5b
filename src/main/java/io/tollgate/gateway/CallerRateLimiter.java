package io.tollgate.gateway;

import reactor.core.publisher.Mono;

/** Takes one request from a caller's bucket in a tier. */
interface CallerRateLimiter {

    Mono<Decision> tryAcquire(RateLimitTier tier, String key);

    /**
     * @param allowed whether the request is within the limit
     * @param remaining requests left in the bucket, or {@code -1} when unknown
     */
    record Decision(boolean allowed, long remaining) {}
}
