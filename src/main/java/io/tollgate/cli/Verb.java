package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** One verb of the CLI: writes to the command line's standard output and error, returns exit status 0. */
abstract class Verb implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public final Integer call() {
        run();
        out().flush();
        return 0;
    }

    /** Does the work; a {@link Refusal} or {@link UsageProblem} ends it with status 1 or 2. */
    abstract void run();
}
