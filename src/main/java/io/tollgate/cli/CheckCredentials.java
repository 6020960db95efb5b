package io.tollgate.cli;

import io.tollgate.credentials.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code credentials check}: the server's own check, without changing anything. */
@Command(name = "check",
        description = "Checks the file as the server does at start and on every reload; exit 1 with the server's "
                + "one-line reason when it would refuse it.",
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials check --file config/credentials.yml")
final class CheckCredentials extends Verb {

    @Mixin
    CredentialsFileOption file;

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        Credentials checked = credentials.check();
        out().println(credentials.path() + ": the server would accept it (" + checked.brands().size() + " brands, "
                + checked.channelUsers().size() + " channel users, " + checked.clients().size() + " clients, "
                + checked.users().size() + " users)");
    }
}
