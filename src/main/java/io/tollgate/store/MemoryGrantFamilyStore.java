package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Grant families of a single instance. A family lives as long as its longest-lived member; a
 * revoked family is remembered for as long, so its refresh tokens stay refused. Every change to a
 * family runs under the map's lock on its key, which orders additions and the revocation.
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
    public Mono<Boolean> addAccessToken(String familyId, String tokenId, Instant expiresAt) {
        return Mono.fromSupplier(() -> !families.asMap().compute(familyId,
                        (id, family) -> orEmpty(family).with(new FamilyToken(tokenId, expiresAt)))
                .revoked());
    }

    @Override
    public Mono<Boolean> saveRefreshToken(RefreshTokenKey token, T grant, Instant expiresAt) {
        String familyId = token.familyId();
        return Mono.fromSupplier(() -> {
            AtomicBoolean saved = new AtomicBoolean();
            families.asMap().compute(familyId, (id, current) -> {
                Family family = orEmpty(current);
                if (family.revoked()) {
                    return family;
                }
                refreshTokens.put(token.digest(), new RefreshEntry<>(familyId, grant, expiresAt, 0));
                saved.set(true);
                return family.lastingUntil(expiresAt);
            });
            return saved.get();
        });
    }

    @Override
    public Mono<RefreshUse<T>> findRefreshToken(RefreshTokenKey token) {
        return Mono.fromSupplier(() -> live(refreshTokens.getIfPresent(token.digest()), 0));
    }

    @Override
    public Mono<RefreshUse<T>> useRefreshToken(RefreshTokenKey token) {
        return Mono.fromSupplier(() -> live(refreshTokens.asMap().computeIfPresent(token.digest(),
                (hash, current) -> current.used()), 1));
    }

    @Override
    public Mono<String> familyOf(RefreshTokenKey token) {
        return Mono.fromSupplier(() -> {
            RefreshEntry<T> entry = refreshTokens.getIfPresent(token.digest());
            return entry == null ? null : entry.familyId();
        });
    }

    @Override
    public Mono<List<FamilyToken>> revokeFamily(String familyId, Instant rememberUntil) {
        return Mono.fromSupplier(() -> families.asMap().compute(familyId,
                        (id, current) -> orEmpty(current).revoke().lastingUntil(rememberUntil))
                .accessTokens());
    }

    /** The use of a token seen with {@code priorUses} uses before this one; null when none or revoked. */
    private RefreshUse<T> live(RefreshEntry<T> entry, int priorUses) {
        if (entry == null) {
            return null;
        }
        Family family = families.getIfPresent(entry.familyId());
        if (family != null && family.revoked()) {
            return null;
        }
        return new RefreshUse<>(entry.familyId(), entry.grant(), entry.uses() > priorUses);
    }

    private static Family orEmpty(Family family) {
        return family == null ? Family.empty() : family;
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

        /** A member is kept as long as a verifier of any skew may accept it. */
        Family with(FamilyToken token) {
            List<FamilyToken> tokens = new ArrayList<>(accessTokens);
            tokens.add(token);
            return new Family(List.copyOf(tokens),
                    later(expiresAt, token.expiresAt().plus(RevocationStore.LONGEST_CLOCK_SKEW)), revoked);
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
