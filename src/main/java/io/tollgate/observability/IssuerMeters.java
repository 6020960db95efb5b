package io.tollgate.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.audit.AuditLog;

/**
 * Registers the issuer's counters for one dialect, each with the audit line it goes with: a refusal
 * or a lockout is counted and audited by one call. Handlers call this once, at construction, and
 * keep the handles: nothing is looked up per request. With traces on, the same calls mark the
 * request's issuance span ({@link IssuanceSpans}).
 */
public final class IssuerMeters {

    private final MeterRegistry registry;
    private final IssuanceSpans spans;
    private final AuditLog audit;
    private final String dialect;

    public IssuerMeters(MeterRegistry registry, IssuanceSpans spans, AuditLog audit, String dialect) {
        this.registry = registry;
        this.spans = spans;
        this.audit = audit;
        this.dialect = dialect;
    }

    /** {@code tollgate_tokens_issued_total{dialect,flow}} and the issuance span's outcome. */
    public IssuedTokens issued(String flow) {
        return new IssuedTokens(Counter.builder(MeterNames.TOKENS_ISSUED)
                .description("Access tokens issued")
                .tag("dialect", dialect)
                .tag("flow", flow)
                .register(registry), spans, flow);
    }

    /** {@code tollgate_lockout_rejections_total{dialect}} and the {@code lockout.*} audit lines. */
    public LockoutTrail lockout() {
        return new LockoutTrail(Counter.builder(MeterNames.LOCKOUT_REJECTIONS)
                .description("Credential checks refused while the account, client or address was locked out")
                .tag("dialect", dialect)
                .register(registry), audit, dialect);
    }

    /**
     * {@code tollgate_issuer_rejections_total{dialect,code}}, {@code code} as the dialect answers it,
     * and the {@code issuance.refused} audit line.
     */
    public IssuanceRefusal rejection(String code) {
        return new IssuanceRefusal(Counter.builder(MeterNames.ISSUER_REJECTIONS)
                .description("Token requests refused by the issuer")
                .tag("dialect", dialect)
                .tag("code", code)
                .register(registry), spans, audit, dialect, code);
    }
}
