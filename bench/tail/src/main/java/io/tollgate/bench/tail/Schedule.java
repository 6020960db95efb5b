package io.tollgate.bench.tail;

/**
 * When each request of an open-loop run is due: request {@code i} at {@code startNanos + i / rate}
 * seconds ({@link System#nanoTime()} time), whatever became of the requests before it.
 */
public record Schedule(long startNanos, int rate) {

    public Schedule {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
    }

    /** The intended start of request {@code index}, in {@link System#nanoTime()} time. */
    public long intendedStart(long index) {
        return startNanos + index * 1_000_000_000L / rate;
    }

    /** How many requests fall within the first {@code nanos} of the schedule. */
    public long count(long nanos) {
        return nanos * rate / 1_000_000_000L;
    }
}
