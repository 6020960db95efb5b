package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code credentials suspend}: {@code status: suspended}. */
@Command(name = "suspend",
        description = "Suspends an account (status: suspended): once the servers reload the file it gets no new "
                + "token, and the tokens it holds stop working.",
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials suspend --file config/credentials.yml --brand acme")
final class SuspendAccount extends StatusChange {

    @Override
    String status() {
        return "suspended";
    }
}
