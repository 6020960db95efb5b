package io.tollgate.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one look for unknown keys allowed per {@code tollgate.validation.jwks.refetch-min-interval}:
 * a token naming a {@code kid} nobody knows may make the keys be read again, but made-up key ids
 * cannot turn that into a load generator (against the issuer's JWK set, or the local key file).
 */
public final class RefetchAllowance {

    private final Duration minInterval;
    private final Clock clock;
    private final AtomicReference<Instant> last = new AtomicReference<>();

    public RefetchAllowance(Duration minInterval, Clock clock) {
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /**
     * Takes the allowance if it is free. A clock that went backwards frees it rather than blocking
     * looks until the clock catches up.
     */
    public boolean claim() {
        Instant now = clock.instant();
        Instant previous = last.get();
        if (previous != null && !now.isBefore(previous)
                && Duration.between(previous, now).compareTo(minInterval) < 0) {
            return false;
        }
        return last.compareAndSet(previous, now);
    }
}
