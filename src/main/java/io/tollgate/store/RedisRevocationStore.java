package io.tollgate.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revocations shared by every replica. Redis holds the set, split into {@link
 * RedisKeys#REVOCATION_BUCKETS} sorted sets of token ids scored by their token's {@code exp} (a
 * token id's bucket by a hash of it, so that writes spread over a cluster's shards), and announces each new revocation on a pub/sub channel; every replica
 * keeps a local copy ({@link MemoryRevocationStore}), filled from the channel as revocations happen
 * and re-read whole at start and after a reconnect (see {@link RedisStoreMonitor}). {@link
 * #isRevoked} answers from that copy, so a cache hit costs no round trip.
 *
 * <p>Each write trims the set of the entries more than {@link RevocationStore#LONGEST_CLOCK_SKEW}
 * past their {@code exp}, not of those merely expired: a replica keeps a revocation until {@code
 * exp} plus its own skew, and the replica that writes cannot know the skew of the others.
 */
final class RedisRevocationStore implements RevocationStore, SharedSetCopy {

    /** KEYS: the token id's bucket. ARGV: token id, exp (ms), trim before (ms), channel. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REVOKE = RedisScript.of("""
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            redis.call('PUBLISH', ARGV[4], ARGV[2] .. ' ' .. ARGV[1])
            return {}
            """, List.class);

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final String channel;
    private final MemoryRevocationStore local;
    private final Clock clock;
    private final Duration clockSkew;

    /**
     * @param clockSkew this replica's {@code tollgate.validation.clock-skew}: how long past {@code
     *     exp} its local copy keeps a revocation
     */
    RedisRevocationStore(RedisCalls redis, RedisKeys keys, Clock clock, Duration clockSkew) {
        this.redis = redis;
        this.keys = keys;
        this.channel = keys.revocationChannel();
        this.local = new MemoryRevocationStore(clock, clockSkew);
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return local.isRevoked(tokenId);
    }

    /**
     * Completes once Redis has stored and announced the revocation (and, with {@code
     * wait-replicas}, once that many replicas have it); fails if it could not. A revocation the
     * primary wrote but too few replicas acknowledged fails as the store being unavailable, so the
     * caller retries (revoking is idempotent); it is in force on the primary and here meanwhile.
     */
    @Override
    public Mono<Void> revoke(String tokenId, Instant expiresAt) {
        return redis.replicatedScript(StoreOperation.REVOCATION_WRITE, REVOKE, List.of(keys.revokedTokens(tokenId)),
                        tokenId, expiresAt.toEpochMilli(), clock.instant().minus(LONGEST_CLOCK_SKEW).toEpochMilli(),
                        channel)
                .doOnError(ReplicationShortfall::causes, unreplicated -> local.remember(tokenId, expiresAt))
                .then(Mono.fromRunnable(() -> local.remember(tokenId, expiresAt)));
    }

    @Override
    public String entries() {
        return "live revocations";
    }

    @Override
    public String channel() {
        return channel;
    }

    /**
     * Re-reads the whole set into the local copy, every bucket (and the set of the version before
     * the buckets, {@link RedisKeys#revokedTokensBeforeBuckets}): at start, and after the
     * connection was lost; every revocation this replica's verifier could still need, including
     * those of tokens that expired less than its clock skew ago.
     */
    @Override
    public Mono<Integer> reload() {
        Range<Double> live =
                Range.closed((double) clock.instant().minus(clockSkew).toEpochMilli(), Double.POSITIVE_INFINITY);
        List<String> sets = new ArrayList<>(keys.revokedTokenBuckets());
        sets.add(keys.revokedTokensBeforeBuckets());
        return redis.probe(StoreOperation.REVOCATION_RELOAD, Flux.fromIterable(sets)
                .concatMap(set -> redis.template().opsForZSet().rangeByScoreWithScores(set, live))
                .doOnNext(entry -> local.remember(entry.getValue(), Instant.ofEpochMilli(entry.getScore().longValue())))
                .count()
                .map(Math::toIntExact));
    }

    /** {@code <exp epoch ms> <jti>}. */
    @Override
    public void announced(String message) {
        int space = message.indexOf(' ');
        if (space > 0) {
            local.remember(message.substring(space + 1), Instant.ofEpochMilli(Long.parseLong(message.substring(0, space))));
        }
    }
}
