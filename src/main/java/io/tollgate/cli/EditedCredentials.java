package io.tollgate.cli;

import io.tollgate.credentials.Credentials;
import java.nio.file.Path;

/**
 * The credentials file a verb edits: read into a {@link CredentialsDocument}, and written back
 * only after the server's loader accepted the result ({@link CredentialsCheck} on the temporary
 * file, before the atomic rename).
 */
final class EditedCredentials {

    private final AtomicFile file;
    private final CredentialsCheck check;

    EditedCredentials(Path path, CredentialsCheck check) {
        this.file = new AtomicFile(path);
        this.check = check;
    }

    Path path() {
        return file.path();
    }

    /** The file's accounts; a missing file is a usage error. */
    CredentialsDocument read() {
        if (!file.exists()) {
            throw new UsageProblem("no credentials file at " + file.path());
        }
        return CredentialsDocument.parse(file.read());
    }

    /** The file's accounts, or none when the file is still to be made. */
    CredentialsDocument readOrEmpty() {
        return file.exists() ? read() : CredentialsDocument.parse("");
    }

    /** The file as the server would load it, or a refusal naming the problem. */
    Credentials check() {
        if (!file.exists()) {
            throw new UsageProblem("no credentials file at " + file.path());
        }
        return check.check(file.path());
    }

    void write(CredentialsDocument document) {
        file.write(document.render(), check::check);
    }
}
