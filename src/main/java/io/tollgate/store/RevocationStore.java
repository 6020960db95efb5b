package io.tollgate.store;

import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Revoked token ids ({@code jti}), each kept until the last instant a verifier would still accept
 * the token it names: its {@code exp} plus the clock skew ({@code tollgate.validation.clock-skew}).
 * Forgetting a revocation at {@code exp} would readmit the token for the length of the skew.
 *
 * <p>{@link #isRevoked} sits on the request path of every cache hit, so it must answer from local
 * memory; an adapter that shares revocations across replicas keeps a local copy up to date.
 */
public interface RevocationStore {

    /**
     * The largest clock skew {@code tollgate.validation.clock-skew} allows. Shared state keeps
     * revocations (and family memberships) this long past {@code exp}, whatever the skew of the
     * replica that wrote them, so a replica configured with a larger skew still finds them.
     */
    Duration LONGEST_CLOCK_SKEW = Duration.ofMinutes(5);

    /** True when the token id was revoked. Answers from memory, without I/O. */
    boolean isRevoked(String tokenId);

    /**
     * Revokes a token id whose token expires at {@code expiresAt}, until the skew after it.
     * Completes once the revocation is stored, so a caller that answers "revoked" only after
     * completion never loses one.
     */
    Mono<Void> revoke(String tokenId, Instant expiresAt);
}
