package io.tollgate.admin;

/**
 * A revocation request whose body breaks the contract; its message is the fixed description the
 * 400 answer carries, never a part of the input. It carries no stack trace.
 */
final class InvalidRevocationRequest extends RuntimeException {

    InvalidRevocationRequest(String description) {
        super(description, null, false, false);
    }
}
