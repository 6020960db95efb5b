package io.tollgate.validation;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The key of the large cache tier: the SHA-256 of the whole token, held as four longs (48 bytes on
 * the heap, where the token itself takes about 800). A digest of the whole token, never a fragment
 * such as the signature, so a cached verdict can only vouch for the exact token it was made for.
 */
public record TokenDigest(long first, long second, long third, long fourth) {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenDigest::newSha256);

    public static TokenDigest of(TokenKey token) {
        return of(token.sourceBytes(), token.from());
    }

    /**
     * The digest of {@code sourceBytes[from..]}: a token's bytes that its verification reads too
     * ({@link CompactJws}), so that a cold token is encoded once.
     */
    static TokenDigest of(byte[] sourceBytes, int from) {
        MessageDigest sha256 = SHA_256.get();
        sha256.update(sourceBytes, from, sourceBytes.length - from);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return new TokenDigest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    /** The first 64 bits of a SHA-256 are as well spread as any hash code can be. */
    @Override
    public int hashCode() {
        return Long.hashCode(first);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }
}
