package io.tollgate.validation;

import io.tollgate.store.RevocationStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.validation.*}: how tokens are checked and how long verdicts are cached.
 *
 * @param clockSkew tolerance on {@code exp} and {@code nbf}, at most 5 minutes
 * @param maxTokenLength tokens longer than this many characters are rejected before parsing
 * @param cache the cache of accepted tokens
 * @param negativeCache the separate, smaller cache of rejected tokens
 */
@Validated
@ConfigurationProperties("tollgate.validation")
public record ValidationProperties(
        @NotNull @DefaultValue("30s") Duration clockSkew,
        @Min(256) @Max(65536) @DefaultValue("8192") int maxTokenLength,
        @Valid @NotNull @DefaultValue Cache cache,
        @Valid @NotNull @DefaultValue NegativeCache negativeCache) {

    public ValidationProperties {
        if (clockSkew.isNegative() || clockSkew.compareTo(RevocationStore.LONGEST_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("tollgate.validation.clock-skew must be between 0 and 5 minutes");
        }
    }

    /**
     * Defaults from {@code CacheMemoryHarness} (docs/BENCHMARKS.md): both tiers full take about 100
     * MiB, a fifth of a 512 MiB heap.
     *
     * @param maximumSize most accepted tokens held at once (by digest, about 370 bytes each)
     * @param hotMaximumSize most accepted tokens also held by their exact bytes (about 0.8 KB each),
     *     so that a hit on them costs no digest
     * @param maxTtl an accepted token is held until its {@code exp} or for this long, whichever is
     *     first
     */
    public record Cache(
            @Min(1) @DefaultValue("250000") long maximumSize,
            @Min(1) @DefaultValue("16384") long hotMaximumSize,
            @NotNull @DefaultValue("10m") Duration maxTtl) {}

    /**
     * @param maximumSize most rejected tokens held at once
     * @param ttl how long a rejection is remembered
     */
    public record NegativeCache(
            @Min(1) @DefaultValue("10000") long maximumSize,
            @NotNull @DefaultValue("30s") Duration ttl) {}
}
