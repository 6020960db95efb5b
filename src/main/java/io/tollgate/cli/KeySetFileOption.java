package io.tollgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --file}: the JWK set file a {@code keys} verb edits. */
final class KeySetFileOption {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the JWK set file, such as jwks.json")
    Path file;

    KeySetFile open() {
        return new KeySetFile(file);
    }
}
