package io.tollgate.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** How a test's secret is stored in a credentials file, with its algorithm prefix. */
public final class StoredHash {

    private StoredHash() {}

    /** {@code {sha256}<hex>}, for machine secrets. */
    public static String sha256(String secret) {
        try {
            return "{sha256}" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {bcrypt}<hash>} at the lowest cost, for people's passwords. */
    public static String bcrypt(String password) {
        return "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
    }
}
