package io.tollgate.cli;

/** A command that cannot run as given (a file that is not there, options that contradict): exit status 2. */
final class UsageProblem extends RuntimeException {

    UsageProblem(String message) {
        super(message, null, false, false);
    }
}
