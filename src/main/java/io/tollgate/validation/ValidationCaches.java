package io.tollgate.validation;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;

/**
 * The two verdict caches: accepted tokens, each held until its {@code exp} (plus the allowed clock
 * skew, the same tolerance the verifier grants) or the configured maximum, whichever is first; and
 * rejected tokens, in a separate, smaller cache with a short fixed lifetime.
 */
public record ValidationCaches(
        AsyncCache<TokenDigest, ValidationResult> accepted, Cache<TokenDigest, ValidationResult> rejected) {

    public static ValidationCaches create(ValidationProperties properties, Clock clock) {
        Duration maxTtl = properties.cache().maxTtl();
        long skewMillis = properties.clockSkew().toMillis();
        AsyncCache<TokenDigest, ValidationResult> accepted = Caffeine.newBuilder()
                .maximumSize(properties.cache().maximumSize())
                .expireAfter(Expiry.<TokenDigest, ValidationResult>creating((key, result) -> {
                    if (!result.isValid()) {
                        return Duration.ZERO;
                    }
                    long untilExpiry = result.token().expiresAtEpochSecond() * 1000 + skewMillis - clock.millis();
                    return untilExpiry <= 0 ? Duration.ZERO : min(Duration.ofMillis(untilExpiry), maxTtl);
                }))
                .recordStats()
                .buildAsync();
        Cache<TokenDigest, ValidationResult> rejected = Caffeine.newBuilder()
                .maximumSize(properties.negativeCache().maximumSize())
                .expireAfterWrite(properties.negativeCache().ttl())
                .recordStats()
                .build();
        return new ValidationCaches(accepted, rejected);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
