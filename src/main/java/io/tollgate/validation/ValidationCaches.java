package io.tollgate.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.tollgate.token.KeySetChange;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The verdict caches.
 *
 * <ul>
 *   <li>{@code hot}: accepted tokens keyed by the exact token ({@link TokenKey}), bounded small: a
 *       hit costs no digest.
 *   <li>{@code accepted}: accepted tokens keyed by SHA-256 ({@link TokenDigest}), bounded large: it
 *       holds a million tokens in a fraction of the memory the tokens themselves would take.
 *   <li>{@code rejected}: rejected tokens, separate, smaller and short-lived, so a flood of bad
 *       tokens cannot evict good ones.
 * </ul>
 *
 * An accepted token lives until its {@code exp} (plus the allowed clock skew, the tolerance the
 * verifier grants) or the configured maximum, whichever is first.
 *
 * <p>Cache maintenance (eviction, expiry) runs on the thread that triggers it instead of
 * Caffeine's default, the common pool: handing it over cost a thread wake-up per insert (a few
 * microseconds, measured in {@code ValidationBenchmark}), and the work itself is short and never
 * blocks.
 *
 * <p>A change of the issuer's keys ({@link #forget}) removes the accepted verdicts of the keys
 * dropped, by {@code kid}, rather than every verdict: Caffeine removes the entries of a bounded
 * cache one by one either way, so walking both tiers for one key's entries costs about what
 * clearing them would (measured with {@code KeyPurgeHarness}, docs/BENCHMARKS.md), and clearing
 * would in addition make every live token of the keys kept be verified again, tens of
 * microseconds of CPU each, all at once right after the retirement.
 */
public record ValidationCaches(
        Cache<TokenKey, ValidationResult> hot,
        Cache<TokenDigest, ValidationResult> accepted,
        Cache<TokenDigest, ValidationResult> rejected) {

    public static ValidationCaches create(ValidationProperties properties, Clock clock) {
        ValidationProperties.Cache cache = properties.cache();
        Cache<TokenKey, ValidationResult> hot = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(cache.hotMaximumSize())
                .expireAfter(untilExpiry(cache.maxTtl(), properties.clockSkew(), clock))
                .recordStats()
                .build();
        Cache<TokenDigest, ValidationResult> accepted = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(cache.maximumSize())
                .expireAfter(untilExpiry(cache.maxTtl(), properties.clockSkew(), clock))
                .recordStats()
                .build();
        Cache<TokenDigest, ValidationResult> rejected = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(properties.negativeCache().maximumSize())
                .expireAfterWrite(properties.negativeCache().ttl())
                .recordStats()
                .build();
        return new ValidationCaches(hot, accepted, rejected);
    }

    /**
     * Forgets the verdicts a change of one issuer's keys made stale: the accepted tokens of every
     * key that issuer dropped (another issuer's key of the same {@code kid} stays) (they are refused from now on, cached or not), and, when a key was added, every
     * rejection (a token of a key this instance did not know yet was rejected, and is good now).
     * The rejected cache is small and short-lived, so clearing it whole costs next to nothing.
     */
    public void forget(String issuer, KeySetChange change) {
        Set<String> dropped = change.removed();
        if (!dropped.isEmpty()) {
            Predicate<ValidationResult> ofDroppedKey =
                    result -> dropped.contains(result.keyId()) && issuer.equals(result.issuer());
            hot.asMap().values().removeIf(ofDroppedKey);
            accepted.asMap().values().removeIf(ofDroppedKey);
        }
        if (!change.added().isEmpty()) {
            rejected.invalidateAll();
        }
    }

    private static <K> Expiry<K, ValidationResult> untilExpiry(Duration maxTtl, Duration skew, Clock clock) {
        long skewMillis = skew.toMillis();
        return Expiry.creating((key, result) -> {
            if (!result.isValid()) {
                return Duration.ZERO;
            }
            long untilExpiry = result.token().expiresAtEpochSecond() * 1000 + skewMillis - clock.millis();
            return untilExpiry <= 0 ? Duration.ZERO : min(Duration.ofMillis(untilExpiry), maxTtl);
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
