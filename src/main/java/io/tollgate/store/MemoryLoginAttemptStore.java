package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Failed attempts of a single instance: a key's count lives for the window after its first
 * failure; the failure that reaches the limit locks the key for the lockout period.
 */
public final class MemoryLoginAttemptStore implements LoginAttemptStore {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Cache<String, Attempts> attempts;

    public MemoryLoginAttemptStore(Clock clock, int maxFailures, Duration window, Duration lockout) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.attempts = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Attempts>writing(
                        (key, entry) -> Duration.between(clock.instant(), entry.forgetAt())))
                .build();
    }

    @Override
    public Mono<Boolean> isLocked(String key) {
        return Mono.fromSupplier(() -> {
            Attempts entry = attempts.getIfPresent(key);
            return entry != null && entry.lockedUntil().isAfter(clock.instant());
        });
    }

    @Override
    public Mono<Void> recordFailure(String key) {
        return Mono.fromRunnable(() -> attempts.asMap().compute(key, (k, current) -> {
            Instant now = clock.instant();
            Attempts base = current == null ? new Attempts(0, now.plus(window), Instant.EPOCH) : current;
            int failures = base.failures() + 1;
            return failures >= maxFailures
                    ? new Attempts(failures, now.plus(lockout), now.plus(lockout))
                    : new Attempts(failures, base.forgetAt(), base.lockedUntil());
        }));
    }

    @Override
    public Mono<Void> reset(String key) {
        return Mono.fromRunnable(() -> attempts.invalidate(key));
    }

    private record Attempts(int failures, Instant forgetAt, Instant lockedUntil) {}
}
