package io.tollgate.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * New secrets and the hashes the files store of them, in the formats the server's {@code
 * SecretVerifier}s check: {@code {sha256}<lowercase hex>} for machine secrets, {@code
 * {bcrypt}<hash>} for people's passwords.
 *
 * <p>A machine secret is 256 bits from {@link SecureRandom}, a generated password 128 bits, both
 * base64url without padding (43 and 22 characters), which a form body or a header carries as is.
 */
final class SecretMint {

    static final int MACHINE_SECRET_BYTES = 32;
    static final int PASSWORD_BYTES = 16;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    SecretMint(SecureRandom random) {
        this.random = random;
    }

    /** A secret of {@code bytes} random bytes. */
    String generate(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return BASE64URL.encodeToString(secret);
    }

    static String sha256(String secret) {
        try {
            return "{sha256}" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    String bcrypt(String password) {
        return "{bcrypt}" + new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2A, random).encode(password);
    }

    /** The stored form of a secret of this kind of account. */
    String hash(AccountList kind, String secret) {
        return kind.person() ? bcrypt(secret) : sha256(secret);
    }
}
