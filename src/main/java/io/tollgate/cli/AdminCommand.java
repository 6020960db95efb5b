package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code admin <verb>}: what the management endpoints need. */
@Command(name = "admin",
        description = "Operator tokens of the management port's write endpoints (tollgate.admin.tokens).",
        subcommands = MintAdminToken.class)
final class AdminCommand extends CommandGroup {}
