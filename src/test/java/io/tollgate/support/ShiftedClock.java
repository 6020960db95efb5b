package io.tollgate.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock shifted by an offset the test sets: time still passes as it does for Redis and
 * for nimbus's verifier (which read the system clock), but the test can jump ahead, or back, to
 * where an expiry lies instead of sleeping until it.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Sets the shift from the system clock: negative runs behind it. */
    public void shift(Duration shift) {
        offset = shift;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
