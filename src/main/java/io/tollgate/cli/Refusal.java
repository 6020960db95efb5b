package io.tollgate.cli;

/**
 * What the CLI refuses to do, in one line for standard error: exit status 1. Its message names
 * the entry and the problem, never a secret.
 */
final class Refusal extends RuntimeException {

    Refusal(String message) {
        super(message, null, false, false);
    }
}
