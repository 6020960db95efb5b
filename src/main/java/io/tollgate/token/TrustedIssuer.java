package io.tollgate.token;

import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * The issuer whose tokens are accepted: its {@code iss} value and its public keys, looked up by
 * {@code kid}. The embedded issuer's key ring is one; a split gateway reads the issuer's JWKS
 * instead ({@code io.tollgate.validation.RemoteKeySet}). Each is one trusted issuer's keys: the
 * validator's registry of issuers ({@code TrustedIssuers}) holds one per issuer.
 */
public interface TrustedIssuer {

    /** The exact {@code iss} claim of accepted tokens. */
    String issuer();

    /** The key with this id, or {@code null} when there is none. */
    VerificationKey find(String keyId);

    /**
     * Whether the keys are in hand. A key ring loaded at start always has them; a remote key set has
     * them once it has read the issuer's JWK set. Until then every token would be rejected, so
     * readiness waits for this.
     */
    default boolean keysLoaded() {
        return true;
    }

    /**
     * Looks again for a key that {@link #find} did not know, because a token names it: a remote key
     * set reads the issuer's JWK set again (rate limited) and completes once that read is over.
     * Never blocks.
     *
     * @return whether the key is known now. A fixed key ring never changes, so it answers {@code
     *     false} at once.
     */
    default Mono<Boolean> refetch(String keyId) {
        return Mono.just(false);
    }

    /**
     * Runs {@code listener} after each change of the keys, once the new keys are the ones {@link
     * #find} answers with: the verdict caches forget what the change made stale. A fixed key ring
     * never changes.
     */
    default void onKeysChanged(Consumer<KeySetChange> listener) {}
}
