package io.tollgate.revocation;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.store.CutOffStore;
import io.tollgate.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import reactor.core.publisher.Mono;

/**
 * Revocation by subject: a cut-off ends every token of a subject or client issued before it, on
 * every replica. The cut-off is the call's instant rounded up to the next whole second ({@code
 * iat} has whole seconds), so every token issued up to the call is refused, by the guard ({@link
 * io.tollgate.validation.RevocationCheck}) from memory.
 *
 * <p>The target's refresh families are revoked when they are next used (choice: lazily, on use):
 * a refresh token whose grant began before a cut-off of its person or its client is refused and
 * its family revoked then ({@code RefreshTokenGrant}), and the family's access tokens, all issued
 * before the cut-off, are refused already. So a cut-off is one write, whatever the number of
 * families, and issuance keeps no index of families by person or client.
 */
public final class SubjectRevocations {

    private final CutOffStore store;
    private final CutOffRetention retention;
    private final AuditLog audit;
    private final Clock clock;

    SubjectRevocations(CutOffStore store, CutOffRetention retention, AuditLog audit, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Cuts off the tokens of {@code target} issued up to now: the cut-off is now rounded up to the
     * next whole second, stored with one write and seen by every replica; one audit line names the
     * target, the cut-off and {@code origin}. Emits the cut-off in force, which is a later one when
     * the target was cut off later already. Fails with {@link StoreUnavailableException} when the
     * store is down (or fewer replicas than {@code wait-replicas} acknowledged the write).
     *
     * <p>The cut-off is the instant of this call, not of the subscription: a retry of the Mono
     * writes the same cut-off again (the store keeps the later one, so a retry is idempotent), and
     * a retry that succeeds after the account was re-activated does not refuse its new tokens.
     */
    public Mono<Instant> cutOff(CutOffTarget target, RevocationOrigin origin) {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant keptUntil = retention.keptUntil(target, cutOff);
        return Mono.defer(() -> store.cutOff(target, cutOff, keptUntil))
                .doOnNext(inForce -> audit.record(event(target, inForce, origin)));
    }

    private static AuditEvent event(CutOffTarget target, Instant cutOff, RevocationOrigin origin) {
        AuditEvent event;
        if (target instanceof CutOffTarget.Subject subject) {
            event = AuditEvent.of("revocation.subject.cut_off")
                    .with("issuer", subject.issuer())
                    .with("kind", subject.kind().claimValue())
                    .with("subject", subject.subject());
        } else {
            CutOffTarget.Client client = (CutOffTarget.Client) target;
            event = AuditEvent.of("revocation.client.cut_off")
                    .with("issuer", client.issuer())
                    .with("client_id", client.clientId());
        }
        return event.with("revoked_before", cutOff)
                .with("via", origin.via())
                .with("client.address", origin.clientAddress());
    }
}
