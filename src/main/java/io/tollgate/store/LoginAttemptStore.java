package io.tollgate.store;

import reactor.core.publisher.Mono;

/**
 * Failed credential checks per key (a client address, a person, a person at an address), counted
 * so that the check and the count cannot race: an attempt is {@linkplain #reserve reserved}, which
 * counts it as a failure, before the secret is checked, and {@linkplain #release given back} when
 * the check turns out no failure. However many guesses arrive at once, at most {@code limit} of
 * them get checked within a window. Once {@code limit} attempts are counted the key is locked for
 * the lockout period, counted from the attempt that reached the limit.
 */
public interface LoginAttemptStore {

    /** What {@link #reserve} found. */
    enum Reservation {
        /** Counted; the check may be made. */
        GRANTED,
        /** Counted, and it reached the limit: the check may be made, and unless it is given back the key is now locked. */
        LAST,
        /** The key is locked: nothing was counted, and the check must not be made. */
        REFUSED;

        public boolean granted() {
            return this != REFUSED;
        }
    }

    /** Atomically counts one attempt under {@code key} unless {@code limit} are already counted. */
    Mono<Reservation> reserve(String key, int limit);

    /** Gives back one reserved attempt whose check was no failure (a right secret, or a check that could not be made). */
    Mono<Void> release(String key);

    /** Forgets every attempt counted under a key. */
    Mono<Void> reset(String key);
}
