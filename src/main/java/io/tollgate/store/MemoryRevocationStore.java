package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Revocations of a single instance. Each entry is kept until its token's {@code exp} plus the
 * verifier's clock skew, the last instant the token could still be accepted, so the set holds no
 * more than the tokens revoked within one token lifetime and a skew; it has no size bound, because
 * dropping a revocation would let a revoked token back in.
 *
 * <p>Whether an entry still applies is judged by the application {@link Clock}, the one the
 * revocation was measured by; Caffeine's own expiry (on its ticker) only frees the memory after.
 */
public final class MemoryRevocationStore implements RevocationStore {

    private final Clock clock;
    private final Duration clockSkew;
    private final Cache<String, Instant> revoked;

    /**
     * @param clockSkew how long past {@code exp} the verifier accepts a token ({@code
     *     tollgate.validation.clock-skew})
     */
    public MemoryRevocationStore(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.revoked = Caffeine.newBuilder()
                .expireAfter(Expiry.<String, Instant>creating(
                        (tokenId, keptUntil) -> Duration.between(clock.instant(), keptUntil)))
                .build();
    }

    @Override
    public boolean isRevoked(String tokenId) {
        Instant keptUntil = revoked.getIfPresent(tokenId);
        return keptUntil != null && !clock.instant().isAfter(keptUntil);
    }

    @Override
    public Mono<Void> revoke(String tokenId, Instant expiresAt) {
        return Mono.fromRunnable(() -> remember(tokenId, expiresAt));
    }

    /** Adds a revocation at once; a replica's copy of a shared set is filled this way. */
    void remember(String tokenId, Instant expiresAt) {
        revoked.put(tokenId, expiresAt.plus(clockSkew));
    }
}
