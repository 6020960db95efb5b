package io.tollgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --file}: the credentials file a verb reads or edits. */
final class CredentialsFileOption {

    @Option(names = "--file", required = true, paramLabel = "FILE",
            description = "the credentials file, such as config/credentials.yml")
    Path file;

    EditedCredentials open() {
        return new EditedCredentials(file, new CredentialsCheck());
    }
}
