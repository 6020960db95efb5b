package io.tollgate.issuer.oauth;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revokes a grant family: its refresh tokens stop working and each access token issued in it is
 * revoked until it would have expired. Completes once every revocation is stored, then writes one
 * audit line: the family, why, how many access tokens, and the address of the request that caused
 * it.
 *
 * <p>A replay can revoke a family while the redemption it raced is still minting, before that
 * redemption has added anything to it. The store therefore remembers the revocation even of an
 * empty family, for {@code remembered} (the lifetime of an access token issued in it), and refuses
 * what is added later ({@link OAuthTokens} revokes such a token instead of handing it out).
 */
final class FamilyRevocation {

    /** Why a family is revoked: the {@code reason} of its audit line. */
    enum Reason {
        /** An authorization code was presented again. */
        CODE_REPLAY("code_replay"),
        /** A used refresh token was presented again. */
        REFRESH_REUSE("refresh_reuse"),
        /** A refresh token of the family was presented at {@code invalidate_token}. */
        INVALIDATE_TOKEN("invalidate_token"),
        /** The grant began before a cut-off of its person or its client. */
        CUT_OFF("cut_off");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private final GrantFamilyStore<RefreshGrant> families;
    private final RevocationStore revocations;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration remembered;

    FamilyRevocation(GrantFamilyStore<RefreshGrant> families, RevocationStore revocations, AuditLog audit,
            Clock clock, Duration remembered) {
        this.families = families;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
        this.remembered = remembered;
    }

    Mono<Void> revoke(String familyId, Reason reason) {
        return Mono.defer(() -> families.revokeFamily(familyId, clock.instant().plus(remembered)))
                .flatMap(tokens -> Flux.fromIterable(tokens)
                        .concatMap(token -> revocations.revoke(token.tokenId(), token.expiresAt()))
                        .then(ClientAddress.ofCurrentRequest())
                        .doOnNext(address -> audit.record(AuditEvent.of("revocation.family.revoked")
                                .with("family", familyId)
                                .with("reason", reason.tag)
                                .with("access_tokens", tokens.size())
                                .with("client.address", address))))
                .then();
    }
}
