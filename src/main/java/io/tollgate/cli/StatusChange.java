package io.tollgate.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/**
 * Sets an account's {@code status}. A reload of the file applies it: a suspended account gets no
 * new token, and its live ones are cut off (the same cut-off as a revocation by subject).
 */
abstract class StatusChange extends Verb {

    @Mixin
    CredentialsFileOption file;

    @ArgGroup(multiplicity = "1")
    AccountOption account;

    /** The status this verb sets, as the file spells it. */
    abstract String status();

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.read();
        String entry = account.kind().entry(account.name());
        YamlMapping found = document.require(account.kind(), account.name());
        if (status().equalsIgnoreCase(found.text("status"))) {
            out().println(entry + " is already " + status() + " in " + credentials.path());
            return;
        }
        found.put("status", YamlMapping.plain(status()));
        credentials.write(document);
        out().println(entry + " is " + status() + " in " + credentials.path());
    }
}
