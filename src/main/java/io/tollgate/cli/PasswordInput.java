package io.tollgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * A person's password: the first line of standard input with {@code --password-stdin} (so it never
 * appears in a command line or the shell's history), or else a generated one of 128 bits, printed
 * once.
 */
final class PasswordInput {

    @Option(names = "--password-stdin",
            description = "read the password from the first line of standard input instead of generating one")
    boolean fromStdin;

    /** The password, and whether it was generated (and so must be shown). */
    record Password(String value, boolean generated) {}

    Password password(CliContext context) {
        if (!fromStdin) {
            return new Password(context.secrets().generate(SecretMint.PASSWORD_BYTES), true);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageProblem("--password-stdin read no password from standard input");
            }
            return new Password(line, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read standard input", e);
        }
    }
}
