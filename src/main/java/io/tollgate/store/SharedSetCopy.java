package io.tollgate.store;

import reactor.core.publisher.Mono;

/**
 * A replica's local copy of a set Redis shares (token revocations, cut-offs): filled from the
 * announcements on its channel as they happen, and re-read whole at start and after a reconnect
 * ({@link RedisStoreMonitor}), so that the request path reads it from memory.
 */
interface SharedSetCopy {

    /** What the set holds, for the monitor's log line: {@code live revocations}. */
    String entries();

    /** The pub/sub channel the set's changes are announced on. */
    String channel();

    /** Applies one announcement; a message it cannot read is ignored. */
    void announced(String message);

    /**
     * Re-reads the whole set into the copy, emitting the number of live entries read. A step of
     * the monitor's recovery, so it runs while the store is not yet marked available.
     */
    Mono<Integer> reload();
}
