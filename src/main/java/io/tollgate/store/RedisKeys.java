package io.tollgate.store;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The one place that spells Tollgate's Redis keys and channels, all under {@code
 * tollgate.store.redis.key-prefix} (see docs/STATE.md, "What lives where"). Every key a script
 * touches is built here and passed in {@code KEYS[]}, and the keys one script touches share a hash
 * tag ({@code {…}}), so that they fall into one hash slot and a Redis Cluster runs the script on
 * one shard:
 *
 * <ul>
 *   <li>a grant family and its refresh tokens: {@code {<family id>}}, the id a refresh token
 *       carries ({@link RefreshTokenKey});
 *   <li>the cut-offs and their expiry: {@code {cutoffs}};
 *   <li>each of the {@link #REVOCATION_BUCKETS} buckets of revoked token ids: {@code
 *       {revoked:<n>}}, so that revocations spread over the shards;
 *   <li>a code and an attempt counter are the only key of their scripts, which therefore always
 *       run on one slot; they keep the names of earlier versions, so an upgrade finds them.
 * </ul>
 *
 * The prefix holds no brace ({@link StoreProperties.Redis#keyPrefix}), so no key's tag comes from it.
 */
final class RedisKeys {

    /**
     * Buckets the revocation set is split into by a hash of the {@code jti}. Fixed: a replica
     * reads every bucket, and one that counted another number would look in the wrong one. 16
     * spreads the writes over the primaries of any cluster up to 16 shards; a reload reads 16 keys.
     */
    static final int REVOCATION_BUCKETS = 16;

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

    /** A refresh token's hash, by the token's digest, in the hash slot of its family. */
    String refreshToken(RefreshTokenKey token) {
        return prefix + "refresh:{" + token.familyId() + "}:" + token.digest();
    }

    /** A grant family's hash, in the hash slot its refresh tokens share. */
    String family(String familyId) {
        if (!RefreshTokenKey.isIdentifier(familyId)) {
            throw new IllegalArgumentException("A family id is base64url");
        }
        return prefix + "family:{" + familyId + "}";
    }

    /** A failed-attempt counter. */
    String attempts(String key) {
        return prefix + "attempts:" + key;
    }

    /** The bucket of revoked token ids (a sorted set scored by their token's {@code exp}) a token id falls in. */
    String revokedTokens(String tokenId) {
        return revokedTokenBucket(Math.floorMod(tokenId.hashCode(), REVOCATION_BUCKETS));
    }

    /** Every bucket of revoked token ids, for the full reload. */
    List<String> revokedTokenBuckets() {
        return IntStream.range(0, REVOCATION_BUCKETS).mapToObj(this::revokedTokenBucket).toList();
    }

    private String revokedTokenBucket(int bucket) {
        return prefix + "revoked:{revoked:" + bucket + "}";
    }

    /**
     * The one sorted set that held every revocation before the set was split into buckets:
     * read by the full reload beside the buckets, so that the revocations written before an
     * upgrade (or by a replica of the earlier version during a rolling one) are not forgotten
     * while their tokens live. Nothing writes it any more.
     */
    String revokedTokensBeforeBuckets() {
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
