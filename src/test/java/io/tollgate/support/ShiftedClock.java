package io.tollgate.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system clock shifted by an offset the test sets: time still passes as it does for Redis and
 * for nimbus's verifier (which read the system clock), but the test can jump ahead, or back, to
 * where an expiry lies instead of sleeping until it. Every application the tests start uses one
 * ({@link Beans}), unshifted unless a test shifts it; a test that shifts it sets it back.
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

    /** Makes the application's clock a {@link ShiftedClock}, which tests reach as a bean. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Beans {

        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }
}
