package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The provisioning CLI: {@code java -jar tollgate.jar credentials|keys|admin <verb> …}. {@code
 * TollgateApplication.main} hands it the arguments when the first names one of its groups ({@link
 * #handles}), before any Spring context exists; anything else starts the server as before.
 *
 * <p>Exit status: 0 done, 1 refused (the server's checks refused the result, or the file does not
 * hold what the command names), 2 usage error (picocli's own, and {@link UsageProblem}). A refusal
 * is one line on standard error; no stack trace is printed.
 */
@Command(name = "tollgate", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = TollgateCli.Version.class,
        description = "Provisions the credentials file and the JWK set file of Tollgate, without starting it.",
        subcommands = {CredentialsCommand.class, KeysCommand.class, AdminCommand.class})
public final class TollgateCli extends CommandGroup {

    /**
     * The logging of a CLI run, a classpath resource for Logback: warnings and errors only, on
     * standard error, so that standard output holds only what the command prints.
     */
    public static final String LOGGING = "io/tollgate/cli/logback-cli.xml";

    /** Wide enough for each example of the help on one line, to copy as it stands. */
    private static final int USAGE_WIDTH = 120;

    private static final Set<String> GROUPS = Set.of("credentials", "keys", "admin");

    /** The jar's version, from its manifest. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = TollgateCli.class.getPackage().getImplementationVersion();
            return new String[] {"tollgate " + (version != null ? version : "(not run from the jar)")};
        }
    }

    /** Whether these arguments are a CLI command rather than the server's start. */
    public static boolean handles(String[] args) {
        return args.length > 0 && GROUPS.contains(args[0]);
    }

    /** Runs the command on the process's standard streams; returns its exit status. */
    public static int execute(String[] args) {
        return commandLine(CliContext.system()).execute(args);
    }

    /** The command line, writing to {@code System.out} and {@code System.err} unless told otherwise. */
    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(TollgateCli.class, new CommandFactory(context));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (failure instanceof UsageProblem) {
                err.println(command.getCommandName() + ": " + failure.getMessage());
                err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            err.println(command.getCommandName() + ": refused: " + failure.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }
}
