package io.tollgate.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the new secret as one JSON object instead of lines. */
final class JsonOption {

    @Option(names = "--json", description = "print one JSON object instead of lines")
    boolean json;
}
