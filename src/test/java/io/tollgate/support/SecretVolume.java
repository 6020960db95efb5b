package io.tollgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory laid out as Kubernetes lays out a mounted Secret or ConfigMap volume, and changed
 * the way the kubelet changes it:
 *
 * <pre>
 * dir/..2026_12_01_00_00_00.1/credentials.yml   the version's files
 * dir/..data -> ..2026_12_01_00_00_00.1         the version in force
 * dir/credentials.yml -> ..data/credentials.yml what the application opens
 * </pre>
 *
 * A new version is written into a new timestamped directory, a {@code ..data_tmp} symlink to it is
 * renamed over {@code ..data} in one atomic step, and the old version's directory is removed: the
 * file the application opens never changes itself, only the symlink two levels up.
 */
public final class SecretVolume {

    private static final AtomicInteger VERSIONS = new AtomicInteger();

    private final Path directory;
    private final String fileName;

    private SecretVolume(Path directory, String fileName) {
        this.directory = directory;
        this.fileName = fileName;
    }

    /** A volume in {@code directory} holding one file, {@code fileName}, with {@code content}. */
    public static SecretVolume create(Path directory, String fileName, String content) {
        SecretVolume volume = new SecretVolume(directory, fileName);
        try {
            Files.createDirectories(directory);
            Path first = volume.writeVersion(content);
            Files.createSymbolicLink(directory.resolve("..data"), first.getFileName());
            Files.createSymbolicLink(directory.resolve(fileName), Path.of("..data", fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return volume;
    }

    /**
     * The checksum {@code tollgate_config_info} shows for a file of this content: the first 12 hex
     * digits of its SHA-256.
     */
    public static String checksumOf(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path the application is configured with. */
    public Path file() {
        return directory.resolve(fileName);
    }

    /** Publishes a new version as the kubelet does: new directory, atomic swap of {@code ..data}, old one removed. */
    public void publish(String content) {
        try {
            Path data = directory.resolve("..data");
            Path old = directory.resolve(Files.readSymbolicLink(data));
            Path next = writeVersion(content);
            Path tmp = directory.resolve("..data_tmp");
            Files.createSymbolicLink(tmp, next.getFileName());
            Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(old.resolve(fileName));
            Files.delete(old);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeVersion(String content) throws IOException {
        Path version = directory.resolve("..2026_12_01_00_00_00." + VERSIONS.incrementAndGet());
        Files.createDirectory(version);
        Files.writeString(version.resolve(fileName), content, StandardCharsets.UTF_8);
        return version;
    }
}
