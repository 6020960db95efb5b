package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rewrite is whole or nothing: checked before the rename, permissions kept, a link kept a link. */
class AtomicFileTest {

    @TempDir
    Path directory;

    @Test
    void theCheckSeesTheNewTextBesideTheFileBeforeTheRename() throws Exception {
        Path file = Files.writeString(directory.resolve("f.yml"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        List<Path> checked = new ArrayList<>();

        new AtomicFile(file).write("new\n", candidate -> {
            checked.add(candidate);
            assertThat(candidate.getParent()).isEqualTo(directory);
            assertThat(candidate).hasContent("new");
            assertThat(file).hasContent("old");
        });

        assertThat(checked).hasSize(1);
        assertThat(file).hasContent("new");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(listing()).containsExactly(file);
    }

    @Test
    void aRefusedTextLeavesTheFileAsItWasAndNoTemporaryFile() throws Exception {
        Path file = Files.writeString(directory.resolve("f.yml"), "old\n");

        assertThatThrownBy(() -> new AtomicFile(file).write("bad\n", candidate -> {
            throw new Refusal("no");
        })).isInstanceOf(Refusal.class);

        assertThat(file).hasContent("old");
        assertThat(listing()).containsExactly(file);
    }

    @Test
    void aSymbolicLinkStaysALinkToTheRewrittenFile() throws Exception {
        Path real = Files.createDirectories(directory.resolve("repo")).resolve("credentials.yml");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(directory.resolve("credentials.yml"), real);

        new AtomicFile(link).write("new\n", candidate -> {});

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
    }

    private List<Path> listing() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
