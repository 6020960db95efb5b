package io.tollgate.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A group of verbs ({@code credentials}, {@code keys}, {@code admin}): given no verb, a usage error. */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing verb: one of " + spec.subcommands().keySet());
    }
}
