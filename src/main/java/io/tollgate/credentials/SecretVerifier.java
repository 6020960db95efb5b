package io.tollgate.credentials;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.MessageDigestPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares presented machine secrets (API secrets, channel passwords) with the hashes stored in
 * the credentials file, in constant time.
 *
 * <p>Stored values read {@code {sha256}<hex>}: the lowercase hex SHA-256 of the secret. These
 * secrets carry at least 128 bits of entropy, so a slow hash would buy nothing and would cap
 * issuance (and would keep an event-loop thread busy for 100 ms a request). The encoder is
 * spring-security-crypto's; it is deprecated there only as a warning against using it for
 * low-entropy human passwords, which is the case it is not used for here.
 */
public final class SecretVerifier {

    private static final String SHA256 = "sha256";

    private final PasswordEncoder encoder;
    private final String decoy;

    @SuppressWarnings("deprecation")
    public SecretVerifier() {
        MessageDigestPasswordEncoder sha256 = new MessageDigestPasswordEncoder("SHA-256");
        this.encoder = new DelegatingPasswordEncoder(SHA256, Map.of(SHA256, sha256));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.decoy = "{" + SHA256 + "}" + HexFormat.of().formatHex(random);
    }

    /** True when {@code presented} hashes to {@code stored}; the comparison is constant-time. */
    public boolean matches(String presented, String stored) {
        return encoder.matches(presented, stored);
    }

    /**
     * Spends the time of a real comparison when the account is unknown, so that response time does
     * not tell which keys exist.
     */
    public void matchDecoy(String presented) {
        encoder.matches(presented, decoy);
    }

    /** True when {@code stored} names an algorithm this verifier knows. */
    public static boolean isSupported(String stored) {
        return stored.matches("\\{sha256}[0-9a-f]{64}");
    }
}
