package io.tollgate.observability;

import io.micrometer.core.instrument.Counter;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Claimant;
import java.time.Duration;

/**
 * The lockouts of one dialect, as the audit trail and {@code tollgate_lockout_rejections_total}
 * record them: a lock taken ({@code lockout.engaged}, with how long it holds) and every check
 * refused while one holds ({@code lockout.refused}, counted). The scope says what is locked:
 * {@code address}, {@code person-at-address} or {@code person}.
 */
public final class LockoutTrail {

    private final Counter refused;
    private final AuditLog audit;
    private final String dialect;

    LockoutTrail(Counter refused, AuditLog audit, String dialect) {
        this.refused = refused;
        this.audit = audit;
        this.dialect = dialect;
    }

    public void engaged(String scope, Claimant claimant, String clientAddress, Duration duration) {
        audit.record(event("lockout.engaged", scope, claimant, clientAddress).with("duration", duration));
    }

    public void refused(String scope, Claimant claimant, String clientAddress) {
        refused.increment();
        audit.record(event("lockout.refused", scope, claimant, clientAddress));
    }

    private AuditEvent event(String action, String scope, Claimant claimant, String clientAddress) {
        return claimant.addTo(AuditEvent.of(action).with("dialect", dialect).with("scope", scope))
                .with("client_address", clientAddress);
    }
}
