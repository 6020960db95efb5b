package io.tollgate.issuer.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque random values (authorization codes, refresh tokens, family ids, CSRF tokens) and the
 * digests they are stored under: a stolen store gives no usable code or refresh token.
 */
final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODING = Base64.getUrlEncoder().withoutPadding();

    private SecureTokens() {}

    /** 256 random bits, base64url. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODING.encodeToString(bytes);
    }

    /** The base64url SHA-256 of a value: what stores key codes and refresh tokens by. */
    static String digest(String value) {
        return ENCODING.encodeToString(sha256().digest(value.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Constant-time comparison of two strings. */
    static boolean equal(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }
}
