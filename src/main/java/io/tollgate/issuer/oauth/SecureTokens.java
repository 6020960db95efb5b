package io.tollgate.issuer.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import io.tollgate.store.RefreshTokenKey;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque random values (authorization codes, refresh tokens, family ids, CSRF tokens) and the
 * digests they are stored under: a stolen store gives no usable code or refresh token.
 */
final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODING = Base64.getUrlEncoder().withoutPadding();
    /** Not of the base64url alphabet, so it parts a refresh token's family id from its random part. */
    private static final char REFRESH_SEPARATOR = '.';

    private SecureTokens() {}

    /** 256 random bits, base64url. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODING.encodeToString(bytes);
    }

    /**
     * A new refresh token of a family: the family id, a dot, 256 random bits. The store finds the
     * token beside its family by the id it carries (store.RefreshTokenKey); the id is no secret
     * (the audit log names it, as it names a token's {@code jti}), the random part is.
     */
    static String refreshToken(String familyId) {
        return familyId + REFRESH_SEPARATOR + random();
    }

    /**
     * Where a presented refresh token is stored; empty for one not of {@link #refreshToken}'s form
     * (a refresh token of a version before the family id was carried in it, or garbage).
     */
    static Optional<RefreshTokenKey> refreshKey(String token) {
        int separator = token.indexOf(REFRESH_SEPARATOR);
        if (separator < 0 || !RefreshTokenKey.isIdentifier(token.substring(0, separator))
                || !RefreshTokenKey.isIdentifier(token.substring(separator + 1))) {
            return Optional.empty();
        }
        return Optional.of(new RefreshTokenKey(token.substring(0, separator), digest(token)));
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
