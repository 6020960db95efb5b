package io.tollgate.store;

/**
 * What the guard does with a valid-looking token it has not seen before while the store is
 * unreachable: its signature and {@code exp} are checked, but a revocation announced during the
 * outage may have been missed.
 */
public enum FailurePolicy {
    /** Refuse it with 503 in the route's dialect (the default): no revoked token gets in. */
    FAIL_CLOSED,
    /** Admit it and count it in {@code tollgate_store_fail_open_total}: no valid caller is turned away. */
    FAIL_OPEN
}
