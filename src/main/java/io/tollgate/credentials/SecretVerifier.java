package io.tollgate.credentials;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.MessageDigestPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares presented secrets with stored hashes, in constant time, with spring-security-crypto's
 * encoders. Stored values carry an algorithm prefix, and each kind of secret has one algorithm:
 *
 * <ul>
 *   <li>{@link #sha256()} for machine secrets of at least 128 bits of entropy (API secrets, channel
 *       passwords, client secrets): {@code {sha256}<lowercase hex>}. A slow hash would buy nothing
 *       there, and would cap issuance. The encoder is deprecated in spring-security-crypto only as a
 *       warning against using it for low-entropy human passwords, which is the case it is not used
 *       for here.
 *   <li>{@link #bcrypt()} for people's passwords: {@code {bcrypt}<hash>}. A check takes tens of
 *       milliseconds of CPU, so callers run it off the event loop.
 * </ul>
 */
public final class SecretVerifier {

    private static final Pattern SHA256_HASH = Pattern.compile("\\{sha256}[0-9a-f]{64}");
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private final PasswordEncoder encoder;
    private final Pattern format;
    private final String decoy;

    private SecretVerifier(String id, PasswordEncoder algorithm, Pattern format) {
        this.encoder = new DelegatingPasswordEncoder(id, Map.of(id, algorithm));
        this.format = format;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.decoy = encoder.encode(HexFormat.of().formatHex(random));
    }

    @SuppressWarnings("deprecation")
    public static SecretVerifier sha256() {
        return new SecretVerifier("sha256", new MessageDigestPasswordEncoder("SHA-256"), SHA256_HASH);
    }

    public static SecretVerifier bcrypt() {
        return new SecretVerifier("bcrypt", new BCryptPasswordEncoder(), BCRYPT_HASH);
    }

    /** True when {@code presented} hashes to {@code stored}; the comparison is constant-time. */
    public boolean matches(String presented, String stored) {
        return encoder.matches(presented, stored);
    }

    /**
     * Spends the time of a real comparison when the account is unknown, so that response time does
     * not tell which accounts exist.
     */
    public void matchDecoy(String presented) {
        encoder.matches(presented, decoy);
    }

    /** True when {@code stored} is a hash in this verifier's format. */
    public boolean accepts(String stored) {
        return stored != null && format.matcher(stored).matches();
    }

    /** The expected format, for error messages. */
    public String formatDescription() {
        return format.pattern().replace("\\", "");
    }
}
