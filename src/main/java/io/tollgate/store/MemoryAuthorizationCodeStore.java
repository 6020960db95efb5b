package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Codes of a single instance; each entry expires when its code does, redeemed or not. */
public final class MemoryAuthorizationCodeStore<T> implements AuthorizationCodeStore<T> {

    private final Clock clock;
    private final Cache<String, Entry<T>> codes;

    public MemoryAuthorizationCodeStore(Clock clock) {
        this.clock = clock;
        this.codes = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Entry<T>>writing(
                        (code, entry) -> Duration.between(clock.instant(), entry.expiresAt())))
                .build();
    }

    @Override
    public Mono<Void> save(String code, T grant, Duration ttl) {
        return Mono.fromRunnable(() -> codes.put(code, new Entry<>(grant, clock.instant().plus(ttl), 0)));
    }

    @Override
    public Mono<Redemption<T>> find(String code) {
        return Mono.fromSupplier(() -> {
            Entry<T> entry = codes.getIfPresent(code);
            return entry == null ? null : new Redemption<>(entry.grant(), entry.redemptions() > 0);
        });
    }

    @Override
    public Mono<Redemption<T>> redeem(String code) {
        return Mono.fromSupplier(() -> {
            Entry<T> entry = codes.asMap().computeIfPresent(code,
                    (key, current) -> new Entry<>(current.grant(), current.expiresAt(), current.redemptions() + 1));
            return entry == null ? null : new Redemption<>(entry.grant(), entry.redemptions() > 1);
        });
    }

    private record Entry<T>(T grant, Instant expiresAt, int redemptions) {}
}
