package io.tollgate.support;

/**
 * A response the suite received that {@code docs/openapi.yaml} does not allow: the message names
 * the request, the status, the operation and every schema error.
 */
public final class ContractViolation extends AssertionError {

    ContractViolation(String message) {
        super(message);
    }
}
