package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code keys <verb>}: the issuer's JWK set file. */
@Command(name = "keys",
        description = {"Edits the issuer's JWK set file (tollgate.issuer.keys.location): the first key signs, "
                + "every key verifies. Leave tollgate.issuer.keys.active-kid unset, or it overrides the order.",
            "Every result is checked as the server checks it, then renamed over the file in one step."},
        subcommands = {GenerateKey.class, RotateKey.class, RetireKey.class})
final class KeysCommand extends CommandGroup {}
