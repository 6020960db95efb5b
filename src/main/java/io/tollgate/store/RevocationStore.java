package io.tollgate.store;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Revoked token ids ({@code jti}), each kept until the token it names would have expired anyway.
 *
 * <p>{@link #isRevoked} sits on the request path of every cache hit, so it must answer from local
 * memory; an adapter that shares revocations across replicas keeps a local copy up to date.
 */
public interface RevocationStore {

    /** True when the token id was revoked. Answers from memory, without I/O. */
    boolean isRevoked(String tokenId);

    /**
     * Revokes a token id until {@code expiresAt}. Completes once the revocation is stored, so a
     * caller that answers "revoked" only after completion never loses one.
     */
    Mono<Void> revoke(String tokenId, Instant expiresAt);
}
