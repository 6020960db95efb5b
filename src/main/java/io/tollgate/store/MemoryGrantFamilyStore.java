package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Grant families of a single instance. A family lives as long as its longest-lived member; a
 * revoked family is remembered for as long, so its refresh tokens stay refused.
 */
public final class MemoryGrantFamilyStore<T> implements GrantFamilyStore<T> {

    private final Clock clock;
    private final Cache<String, RefreshEntry<T>> refreshTokens;
    private final Cache<String, Family> families;

    public MemoryGrantFamilyStore(Clock clock) {
        this.clock = clock;
        this.refreshTokens = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, RefreshEntry<T>>writing(
                        (hash, entry) -> Duration.between(clock.instant(), entry.expiresAt())))
                .build();
        this.families = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Family>writing(
                        (id, family) -> Duration.between(clock.instant(), family.expiresAt())))
                .build();
    }

    @Override
    public Mono<Void> addAccessToken(String familyId, String tokenId, Instant expiresAt) {
        return Mono.fromRunnable(() -> families.asMap().compute(familyId,
                (id, family) -> (family == null ? Family.empty() : family).with(new FamilyToken(tokenId, expiresAt))));
    }

    @Override
    public Mono<Void> saveRefreshToken(String tokenHash, String familyId, T grant, Instant expiresAt) {
        return Mono.fromRunnable(() -> {
            families.asMap().compute(familyId,
                    (id, family) -> (family == null ? Family.empty() : family).lastingUntil(expiresAt));
            refreshTokens.put(tokenHash, new RefreshEntry<>(familyId, grant, expiresAt, 0));
        });
    }

    @Override
    public Mono<RefreshUse<T>> useRefreshToken(String tokenHash) {
        return Mono.fromSupplier(() -> {
            RefreshEntry<T> entry = refreshTokens.asMap().computeIfPresent(tokenHash,
                    (hash, current) -> current.used());
            if (entry == null) {
                return null;
            }
            Family family = families.getIfPresent(entry.familyId());
            if (family != null && family.revoked()) {
                return null;
            }
            return new RefreshUse<>(entry.familyId(), entry.grant(), entry.uses() > 1);
        });
    }

    @Override
    public Mono<String> familyOf(String tokenHash) {
        return Mono.fromSupplier(() -> {
            RefreshEntry<T> entry = refreshTokens.getIfPresent(tokenHash);
            return entry == null ? null : entry.familyId();
        });
    }

    @Override
    public Mono<List<FamilyToken>> revokeFamily(String familyId) {
        return Mono.fromSupplier(() -> {
            Family family = families.asMap().compute(familyId,
                    (id, current) -> (current == null ? Family.empty() : current).revoke());
            return family.accessTokens();
        });
    }

    private record RefreshEntry<T>(String familyId, T grant, Instant expiresAt, int uses) {
        RefreshEntry<T> used() {
            return new RefreshEntry<>(familyId, grant, expiresAt, uses + 1);
        }
    }

    /** Members of a family; immutable, replaced on every change under the map's per-key lock. */
    private record Family(List<FamilyToken> accessTokens, Instant expiresAt, boolean revoked) {

        static Family empty() {
            return new Family(List.of(), Instant.EPOCH, false);
        }

        Family with(FamilyToken token) {
            List<FamilyToken> tokens = new ArrayList<>(accessTokens);
            tokens.add(token);
            return new Family(List.copyOf(tokens), later(expiresAt, token.expiresAt()), revoked);
        }

        Family lastingUntil(Instant until) {
            return new Family(accessTokens, later(expiresAt, until), revoked);
        }

        Family revoke() {
            return new Family(accessTokens, expiresAt, true);
        }

        private static Instant later(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
