package io.tollgate.cli;

import io.tollgate.support.Secrets;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the CLI in-process, as {@code TollgateApplication.main} would, with standard output and
 * error captured, standard input given and the clock fixed.
 */
final class Cli {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /** What one run printed and its exit status. */
    record Run(int status, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        /** The last line of standard output: where a new secret is printed. */
        String lastLine() {
            List<String> lines = lines();
            return Secrets.remember(lines.get(lines.size() - 1));
        }
    }

    private final Clock clock;
    private final String stdin;

    private Cli(Clock clock, String stdin) {
        this.clock = clock;
        this.stdin = stdin;
    }

    static Cli at(Instant now) {
        return new Cli(Clock.fixed(now, ZoneOffset.UTC), "");
    }

    static Cli now() {
        return at(NOW);
    }

    Cli withStdin(String text) {
        return new Cli(clock, text);
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TollgateCli.commandLine(new CliContext(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), clock, new SecureRandom()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
