package io.tollgate.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Counts the revocations this instance stores in {@code tollgate_revocations_total}, whatever the engine. */
final class CountedRevocationStore implements RevocationStore {

    private final RevocationStore store;
    private final Counter revocations;

    CountedRevocationStore(RevocationStore store, MeterRegistry registry) {
        this.store = store;
        this.revocations = Counter.builder(MeterNames.REVOCATIONS)
                .description("Token revocations stored by this instance")
                .register(registry);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return store.isRevoked(tokenId);
    }

    @Override
    public Mono<Void> revoke(String tokenId, Instant expiresAt) {
        return store.revoke(tokenId, expiresAt).doOnSuccess(done -> revocations.increment());
    }
}
