package io.tollgate.issuer.oauth;

import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.RevocationStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revokes a grant family: its refresh tokens stop working and each access token issued in it is
 * revoked until it would have expired. Completes once every revocation is stored.
 */
final class FamilyRevocation {

    private final GrantFamilyStore<RefreshGrant> families;
    private final RevocationStore revocations;

    FamilyRevocation(GrantFamilyStore<RefreshGrant> families, RevocationStore revocations) {
        this.families = families;
        this.revocations = revocations;
    }

    Mono<Void> revoke(String familyId) {
        return families.revokeFamily(familyId)
                .flatMapMany(Flux::fromIterable)
                .concatMap(token -> revocations.revoke(token.tokenId(), token.expiresAt()))
                .then();
    }
}
