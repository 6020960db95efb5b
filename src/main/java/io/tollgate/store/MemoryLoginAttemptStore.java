package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Attempts of a single instance: a key's count lives for the window after its first attempt, or
 * for the lockout period after the attempt that reached the limit. Each reservation is one atomic
 * {@code compute} on the key's map entry, so the comparison with the limit and the count are one
 * step.
 */
public final class MemoryLoginAttemptStore implements LoginAttemptStore {

    private final Clock clock;
    private final Duration window;
    private final Duration lockout;
    private final Cache<String, Attempts> attempts;

    public MemoryLoginAttemptStore(Clock clock, Duration window, Duration lockout) {
        this.clock = clock;
        this.window = window;
        this.lockout = lockout;
        this.attempts = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Attempts>writing(
                        (key, entry) -> Duration.between(clock.instant(), entry.forgetAt())))
                .build();
    }

    @Override
    public Mono<Reservation> reserve(String key, int limit) {
        return Mono.fromSupplier(() -> {
            AtomicReference<Reservation> reservation = new AtomicReference<>();
            attempts.asMap().compute(key, (k, current) -> {
                Instant now = clock.instant();
                Attempts base = current == null || !current.forgetAt().isAfter(now)
                        ? new Attempts(0, now.plus(window))
                        : current;
                if (base.count() >= limit) {
                    reservation.set(Reservation.REFUSED);
                    return base;
                }
                int count = base.count() + 1;
                reservation.set(count >= limit ? Reservation.LAST : Reservation.GRANTED);
                return new Attempts(count, count >= limit ? now.plus(lockout) : base.forgetAt());
            });
            return reservation.get();
        });
    }

    @Override
    public Mono<Void> release(String key) {
        return Mono.fromRunnable(() -> attempts.asMap().computeIfPresent(key,
                (k, current) -> current.count() <= 1 ? null : new Attempts(current.count() - 1, current.forgetAt())));
    }

    @Override
    public Mono<Void> reset(String key) {
        return Mono.fromRunnable(() -> attempts.invalidate(key));
    }

    private record Attempts(int count, Instant forgetAt) {}
}
