package io.tollgate.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code credentials rotate-secret}: a new secret, the old one kept for an overlap. */
@Command(name = "rotate-secret",
        description = {"Adds a new secret to an account, printed once, and gives the earlier ones a not-after "
                + "(now + --overlap): until then the partner may use either, so it can move without a cut-over.",
            "A person's new password is read with --password-stdin or generated."},
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials rotate-secret --file config/credentials.yml --brand acme "
                + "--overlap 14d")
final class RotateSecret extends Verb {

    @Mixin
    CredentialsFileOption file;

    @Mixin
    JsonOption output;

    @Mixin
    PasswordInput input;

    @ArgGroup(multiplicity = "1")
    AccountOption account;

    @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "how long the earlier secrets keep working (default: ${DEFAULT-VALUE}; 12h, 30d, PT36H …)")
    Duration overlap;

    private final CliContext context;

    RotateSecret(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        AccountList kind = account.kind();
        String name = account.name();
        if (input.fromStdin && !kind.person()) {
            throw new UsageProblem("--password-stdin is for people (--user); machine secrets are always generated");
        }
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.read();
        YamlMapping entry = document.require(kind, name);
        PasswordInput.Password secret = kind.person()
                ? input.password(context)
                : new PasswordInput.Password(context.secrets().generate(SecretMint.MACHINE_SECRET_BYTES), true);
        Instant notAfter = context.clock().instant().plus(overlap).truncatedTo(ChronoUnit.SECONDS);
        new SecretRotation(kind, name).rotate(entry, context.secrets().hash(kind, secret.value()), notAfter);
        credentials.write(document);
        String rotated = kind.entry(name) + ": new secret added to " + credentials.path()
                + "; the earlier ones work until " + notAfter;
        new Outcome(name, secret.generated() ? List.of(rotated, "the new secret, shown only now:") : List.of(rotated),
                secret.generated() ? secret.value() : null)
                .with("not-after", notAfter.toString())
                .print(out(), output.json);
    }
}
