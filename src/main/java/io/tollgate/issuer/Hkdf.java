package io.tollgate.issuer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), for one 32-byte output: {@code PRK = HMAC(salt, input)}, then
 * {@code OKM = HMAC(PRK, info || 0x01)}. The JDK 17 platform, nimbus and spring-security-crypto
 * offer no HKDF; these are the RFC's two HMAC calls.
 */
final class Hkdf {

    private static final String HMAC = "HmacSHA256";

    private Hkdf() {}

    static byte[] derive(byte[] salt, byte[] input, String info) {
        byte[] pseudoRandomKey = hmac(salt, input);
        byte[] label = info.getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[label.length + 1];
        System.arraycopy(label, 0, block, 0, label.length);
        block[label.length] = 1;
        return hmac(pseudoRandomKey, block);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform provides HmacSHA256", e);
        }
    }
}
