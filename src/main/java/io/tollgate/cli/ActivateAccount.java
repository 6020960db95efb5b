package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code credentials activate}: {@code status: active}. */
@Command(name = "activate",
        description = "Re-activates an account (status: active): new tokens are issued again; tokens cut off "
                + "while it was suspended stay refused.",
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials activate --file config/credentials.yml --channel-user partner_42")
final class ActivateAccount extends StatusChange {

    @Override
    String status() {
        return "active";
    }
}
