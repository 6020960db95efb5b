package io.tollgate.reload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What {@code tollgate_config_info} shows of a file: the first 12 hex digits of its SHA-256, enough
 * for an operator to see every pod converge on one version, and short enough for a label.
 */
record FileChecksum(String hex) {

    static FileChecksum of(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return new FileChecksum(HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
