package io.tollgate.store;

import reactor.core.publisher.Mono;

/**
 * Failed credential checks per key (a username, a client id): after too many within a window,
 * the key is locked for a while, whatever is presented.
 */
public interface LoginAttemptStore {

    Mono<Boolean> isLocked(String key);

    /** Counts a failure; the one that reaches the limit locks the key. */
    Mono<Void> recordFailure(String key);

    /** Forgets the failures of a key after a success. */
    Mono<Void> reset(String key);
}
