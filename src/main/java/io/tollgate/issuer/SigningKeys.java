package io.tollgate.issuer;

import java.util.function.BiConsumer;
import reactor.core.publisher.Mono;

/**
 * The signing keys in force: the minter reads {@link #current()} for every signature, the JWKS
 * document and the pages' secrets for every request, so a reloaded key file takes effect from the
 * next token on. A ring is immutable; a change is a new ring, swapped whole.
 */
public interface SigningKeys {

    /** The ring in force. */
    KeyRing current();

    /** Runs {@code listener} with the rings before and after each change. A fixed ring never changes. */
    default void onChange(BiConsumer<KeyRing, KeyRing> listener) {}

    /**
     * Reads the key file again now, off the caller's thread, and completes once that read is
     * over, applied or not. A fixed ring has no file and completes at once.
     */
    default Mono<Void> recheck() {
        return Mono.empty();
    }

    /** Keys that never change: a ring generated at start, a test's or a benchmark's. */
    static SigningKeys fixed(KeyRing ring) {
        return () -> ring;
    }
}
