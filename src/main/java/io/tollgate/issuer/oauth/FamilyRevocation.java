package io.tollgate.issuer.oauth;

import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revokes a grant family: its refresh tokens stop working and each access token issued in it is
 * revoked until it would have expired. Completes once every revocation is stored.
 *
 * <p>A replay can revoke a family while the redemption it raced is still minting, before that
 * redemption has added anything to it. The store therefore remembers the revocation even of an
 * empty family, for {@code remembered} (the lifetime of an access token issued in it), and refuses
 * what is added later ({@link OAuthTokens} revokes such a token instead of handing it out).
 */
final class FamilyRevocation {

    private final GrantFamilyStore<RefreshGrant> families;
    private final RevocationStore revocations;
    private final Clock clock;
    private final Duration remembered;

    FamilyRevocation(
            GrantFamilyStore<RefreshGrant> families, RevocationStore revocations, Clock clock, Duration remembered) {
        this.families = families;
        this.revocations = revocations;
        this.clock = clock;
        this.remembered = remembered;
    }

    Mono<Void> revoke(String familyId) {
        return Mono.defer(() -> families.revokeFamily(familyId, clock.instant().plus(remembered)))
                .flatMapMany(Flux::fromIterable)
                .concatMap(token -> revocations.revoke(token.tokenId(), token.expiresAt()))
                .then();
    }
}
