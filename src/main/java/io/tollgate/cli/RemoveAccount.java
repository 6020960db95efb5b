package io.tollgate.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code credentials remove}: the account's entry is deleted. */
@Command(name = "remove",
        description = "Removes an account from the file; once the servers reload it, its tokens stop working too.",
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials remove --file config/credentials.yml --client partner-web")
final class RemoveAccount extends Verb {

    @Mixin
    CredentialsFileOption file;

    @ArgGroup(multiplicity = "1")
    AccountOption account;

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.read();
        String entry = account.kind().entry(account.name());
        if (!document.remove(account.kind(), account.name())) {
            throw new Refusal(entry + " is not in the file");
        }
        credentials.write(document);
        out().println(entry + " removed from " + credentials.path());
    }
}
