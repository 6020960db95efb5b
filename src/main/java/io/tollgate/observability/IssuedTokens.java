package io.tollgate.observability;

import io.micrometer.core.instrument.Counter;

/**
 * Tokens issued by one dialect in one flow: each is counted in {@code
 * tollgate_tokens_issued_total{dialect,flow}} and, with traces on, marks the request's issuance
 * span, by the same call.
 */
public final class IssuedTokens {

    private final Counter counter;
    private final IssuanceSpans spans;
    private final String flow;

    IssuedTokens(Counter counter, IssuanceSpans spans, String flow) {
        this.counter = counter;
        this.spans = spans;
        this.flow = flow;
    }

    /** Records one token issued. */
    public void record() {
        counter.increment();
        spans.issued(flow);
    }
}
