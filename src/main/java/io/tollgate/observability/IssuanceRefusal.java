package io.tollgate.observability;

import io.micrometer.core.instrument.Counter;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Claimant;

/**
 * One class of refused token request of one dialect ({@code code} as the dialect answers it): each
 * refusal is counted in {@code tollgate_issuer_rejections_total{dialect,code}} and written as one
 * {@code issuance.refused} audit line, by the same call, so the meter and the trail never disagree.
 */
public final class IssuanceRefusal {

    private final Counter counter;
    private final IssuanceSpans spans;
    private final AuditLog audit;
    private final String dialect;
    private final String code;

    IssuanceRefusal(Counter counter, IssuanceSpans spans, AuditLog audit, String dialect, String code) {
        this.counter = counter;
        this.spans = spans;
        this.audit = audit;
        this.dialect = dialect;
        this.code = code;
    }

    /** Records one refusal of a request that named {@code claimant}, from {@code clientAddress}. */
    public void record(Claimant claimant, String clientAddress) {
        counter.increment();
        spans.refused(code);
        audit.record(claimant.addTo(AuditEvent.of("issuance.refused").with("dialect", dialect).with("code", code))
                .with("client_address", clientAddress));
    }
}
