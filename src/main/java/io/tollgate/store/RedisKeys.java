package io.tollgate.store;

/**
 * The one place that spells Tollgate's Redis keys and channels, all under {@code
 * tollgate.store.redis.key-prefix} (see docs/STATE.md). The two cut-off keys, which one script
 * touches together, share a hash tag ({@code {cutoffs}}), so they fall into one hash slot; the
 * older keys keep their names, so that an upgrade finds the state it left (Redis Cluster is not
 * supported, STATE.md).
 */
final class RedisKeys {

    private final String prefix;
    private final String revocationChannel;

    /**
     * @param prefix {@code tollgate.store.redis.key-prefix}
     * @param revocationChannel {@code tollgate.store.redis.revocation-channel}
     */
    RedisKeys(String prefix, String revocationChannel) {
        this.prefix = prefix;
        this.revocationChannel = revocationChannel;
    }

    /** An authorization code's hash, by the code's digest. */
    String code(String codeDigest) {
        return prefix + "code:" + codeDigest;
    }

    /** A refresh token's hash, by the token's digest. */
    String refreshToken(String tokenDigest) {
        return prefix + "refresh:" + tokenDigest;
    }

    /** A grant family's hash. */
    String family(String familyId) {
        return family() + familyId;
    }

    /** The start of every family key, for the script that finds a family from its refresh token. */
    String family() {
        return prefix + "family:";
    }

    /** A failed-attempt counter. */
    String attempts(String key) {
        return prefix + "attempts:" + key;
    }

    /** The sorted set of revoked token ids, scored by their token's {@code exp}. */
    String revokedTokens() {
        return prefix + "revoked";
    }

    /** The hash of cut-offs: target → {@code <cut-off epoch second> <kept until epoch ms>}. */
    String cutOffs() {
        return prefix + "{cutoffs}";
    }

    /** The sorted set of cut-off targets scored by the instant they may be forgotten; beside {@link #cutOffs}. */
    String cutOffExpiry() {
        return prefix + "{cutoffs}:expiry";
    }

    /** The channel token revocations are announced on. */
    String revocationChannel() {
        return revocationChannel;
    }

    /** The channel cut-offs are announced on, a sibling of the revocation channel. */
    String cutOffChannel() {
        return revocationChannel + ":cutoffs";
    }
}
