package io.tollgate.validation;

import com.nimbusds.jose.util.Base64URL;
import java.util.Base64;

/**
 * A nimbus {@link Base64URL} decoded once, at construction, by the JDK's decoder, which a nimbus
 * {@code JWSVerifier} then reads through {@link #decode()}. nimbus's own decoder runs in constant
 * time, which matters for secrets and costs about 10 ns a character (3.3 µs for an RS256
 * signature, about a sixth of the verification with the native provider); a signature is no
 * secret. The JDK's decoder is also stricter: it refuses any character outside the alphabet,
 * where nimbus's skips it. Stricter still, this refuses what the JDK's decoder lets through, so
 * that a signature has one spelling (RFC 7515 §2: no padding; RFC 4648 §3.5: the bits of the last
 * character beyond the data are zero): otherwise a valid token with its last character changed
 * within those bits, or with {@code =} appended, would be accepted as another token, with a cache
 * entry of its own.
 */
final class DecodedBase64URL extends Base64URL {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    /** @throws IllegalArgumentException when {@code value} is not Base64url */
    DecodedBase64URL(String value) {
        super(value);
        if (!canonical(value)) {
            throw new IllegalArgumentException("Base64url with padding, or with bits set beyond its data");
        }
        this.bytes = Base64.getUrlDecoder().decode(value);
    }

    /** No {@code =}, and no bit set in the last character beyond the data it carries. */
    private static boolean canonical(String value) {
        if (value.indexOf('=') >= 0) {
            return false;
        }
        int rest = value.length() % 4;
        if (rest < 2) {
            return true;
        }
        int unusedBits = rest == 2 ? 0x0F : 0x03;
        return (sextet(value.charAt(value.length() - 1)) & unusedBits) == 0;
    }

    /** The six bits a Base64url character stands for; outside the alphabet, 0 (the decoder refuses it). */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : 0;
    }

    @Override
    public byte[] decode() {
        return bytes.clone();
    }
}
