package io.tollgate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A file rewritten whole or not at all: the new text goes to a temporary file in the same
 * directory, is checked there, flushed to disk, and renamed over the old one in one atomic step,
 * so the server's reload (and anything else reading the file) sees the old file or the new one,
 * never half of either. The new file keeps the old one's permissions, owner and group; a file made
 * new is readable by its owner only, since it holds hashes of secrets or private keys. A symbolic
 * link is followed: the file it points to is replaced, the link kept.
 */
final class AtomicFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path path;

    AtomicFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    String read() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /**
     * Writes {@code text} to a temporary file beside the target, hands that file to {@code check}
     * (which throws to refuse it), and only then renames it over the target.
     */
    void write(String text, Consumer<Path> check) {
        Path target = target();
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            keepAttributes(target, temporary);
            check.accept(temporary);
            move(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** The file a link points to, so the link stays a link. */
    private Path target() {
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve " + path, e);
        }
    }

    private static void keepAttributes(Path target, Path temporary) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (!Files.exists(target)) {
            view.setPermissions(OWNER_ONLY);
            return;
        }
        PosixFileAttributes old = Files.readAttributes(target, PosixFileAttributes.class);
        PosixFileAttributes made = view.readAttributes();
        if (!old.owner().equals(made.owner())) {
            view.setOwner(old.owner());
        }
        if (!old.group().equals(made.group())) {
            view.setGroup(old.group());
        }
        view.setPermissions(old.permissions());
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("this file system cannot rename " + target + " atomically", e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            temporary.toFile().deleteOnExit();
        }
    }
}
