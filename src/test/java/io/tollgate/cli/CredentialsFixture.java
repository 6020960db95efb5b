package io.tollgate.cli;

import io.tollgate.credentials.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A credentials file in a directory of its own, as an operator keeps it: the demo file of {@code
 * config/} with group-readable permissions, read back as text and as the server loads it.
 */
final class CredentialsFixture {

    static final Set<PosixFilePermission> GROUP_READABLE = PosixFilePermissions.fromString("rw-r-----");

    final Path directory;
    final Path file;

    CredentialsFixture(Path directory) {
        this.directory = directory;
        this.file = directory.resolve("credentials.yml");
    }

    static CredentialsFixture demo(Path directory) {
        CredentialsFixture fixture = new CredentialsFixture(directory);
        try {
            fixture.write(Files.readString(Path.of("config/credentials.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixture;
    }

    CredentialsFixture write(String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, GROUP_READABLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String text() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as the server loads it. */
    Credentials loaded() {
        return new CredentialsCheck().check(file);
    }

    Set<PosixFilePermission> permissions() {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the directory: the credentials file alone when no temporary file was left behind. */
    List<Path> directoryListing() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comment lines of a YAML text, trimmed. */
    static List<String> comments(String text) {
        return text.lines().map(String::trim).filter(line -> line.startsWith("#")).toList();
    }

    String path() {
        return file.toString();
    }
}
