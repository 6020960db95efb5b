package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code credentials <verb>}: the accounts of the credentials file. */
@Command(name = "credentials",
        description = "Edits the credentials file: every result is checked as the server checks it, then renamed "
                + "over the file in one step; comments and order are kept.",
        subcommands = {AddBrand.class, AddChannelUser.class, AddClient.class, AddUser.class, RotateSecret.class,
            SuspendAccount.class, ActivateAccount.class, RemoveAccount.class, CheckCredentials.class})
final class CredentialsCommand extends CommandGroup {}
