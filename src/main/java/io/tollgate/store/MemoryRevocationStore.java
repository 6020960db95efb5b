package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Revocations of a single instance. Each entry expires with the token it names, so the set holds
 * no more than the tokens revoked within one token lifetime; it has no size bound, because dropping
 * a revocation would let a revoked token back in.
 */
public final class MemoryRevocationStore implements RevocationStore {

    private final Cache<String, Instant> revoked;

    public MemoryRevocationStore(Clock clock) {
        this.revoked = Caffeine.newBuilder()
                .expireAfter(Expiry.<String, Instant>creating(
                        (tokenId, expiresAt) -> Duration.between(clock.instant(), expiresAt)))
                .build();
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return revoked.getIfPresent(tokenId) != null;
    }

    @Override
    public Mono<Void> revoke(String tokenId, Instant expiresAt) {
        return Mono.fromRunnable(() -> remember(tokenId, expiresAt));
    }

    /** Adds a revocation at once; a replica's copy of a shared set is filled this way. */
    void remember(String tokenId, Instant expiresAt) {
        revoked.put(tokenId, expiresAt);
    }
}
