package io.tollgate.store;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.token.TokenKind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Cut-offs shared by every replica. Redis holds one hash field per target ({@link RedisKeys#cutOffs}:
 * {@code <cut-off epoch second> <kept until epoch ms>}) beside a sorted set of the targets by the
 * instant they may be forgotten ({@link RedisKeys#cutOffExpiry}); a cut-off is one Lua script that
 * keeps the later of the target's cut-offs, trims expired targets and announces the result on the
 * cut-off channel. Every replica keeps a local copy ({@link MemoryCutOffStore}), filled from the
 * channel and re-read whole at start and after a reconnect ({@link RedisStoreMonitor}), exactly as
 * token revocations are ({@link RedisRevocationStore}); the lookups answer from that copy.
 *
 * <p>A target is written as {@code s:<issuer length>:<issuer>:<kind>:<subject>} or {@code
 * c:<issuer length>:<issuer>:<client id>}: the issuer's length makes the field unambiguous whatever
 * characters a subject holds.
 */
final class RedisCutOffStore implements CutOffStore, SharedSetCopy {

    /** Expired targets trimmed per write at most, so no one write does unbounded work. */
    private static final int TRIM_PER_WRITE = 1000;

    /**
     * KEYS: cut-offs, expiry. ARGV: target, cut-off (s), kept until (ms), now (ms), channel, trim
     * limit. Replies the value stored.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CUT_OFF = RedisScript.of("""
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4], 'LIMIT', 0, ARGV[6])
            for _, target in ipairs(expired) do
              redis.call('HDEL', KEYS[1], target)
              redis.call('ZREM', KEYS[2], target)
            end
            local cutOff = tonumber(ARGV[2])
            local keptUntil = tonumber(ARGV[3])
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local space = string.find(current, ' ', 1, true)
              cutOff = math.max(cutOff, tonumber(string.sub(current, 1, space - 1)))
              keptUntil = math.max(keptUntil, tonumber(string.sub(current, space + 1)))
            end
            local value = string.format('%d %d', cutOff, keptUntil)
            redis.call('HSET', KEYS[1], ARGV[1], value)
            redis.call('ZADD', KEYS[2], keptUntil, ARGV[1])
            redis.call('PUBLISH', ARGV[5], value .. ' ' .. ARGV[1])
            return {value}
            """, List.class);

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final MemoryCutOffStore local;
    private final Clock clock;

    RedisCutOffStore(RedisCalls redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.local = new MemoryCutOffStore(clock);
        this.clock = clock;
    }

    @Override
    public long subjectCutOff(String issuer, TokenKind kind, String subject) {
        return local.subjectCutOff(issuer, kind, subject);
    }

    @Override
    public long clientCutOff(String issuer, String clientId) {
        return local.clientCutOff(issuer, clientId);
    }

    /**
     * Emits once Redis has stored and announced the cut-off (and, with {@code wait-replicas}, once
     * that many replicas have it); fails if it could not, as a token revocation does.
     */
    @Override
    public Mono<Instant> cutOff(CutOffTarget target, Instant cutOff, Instant keptUntil) {
        String field = field(target);
        return redis.replicatedScript(StoreOperation.CUT_OFF_WRITE, CUT_OFF, List.of(keys.cutOffs(), keys.cutOffExpiry()),
                        field, cutOff.getEpochSecond(), keptUntil.toEpochMilli(), clock.millis(),
                        keys.cutOffChannel(), TRIM_PER_WRITE)
                .map(reply -> Instant.ofEpochSecond(remember(field, reply.get(0))));
    }

    @Override
    public String entries() {
        return "cut-offs";
    }

    @Override
    public String channel() {
        return keys.cutOffChannel();
    }

    /** {@code <cut-off> <kept until> <target>}. */
    @Override
    public void announced(String message) {
        int first = message.indexOf(' ');
        int second = first < 0 ? -1 : message.indexOf(' ', first + 1);
        if (second > 0) {
            remember(message.substring(second + 1), message.substring(0, second));
        }
    }

    /** Re-reads every target not yet past its time into the local copy. */
    @Override
    public Mono<Integer> reload() {
        return redis.probe(StoreOperation.CUT_OFF_RELOAD, redis.template().<String, String>opsForHash()
                .entries(keys.cutOffs())
                .filter(entry -> keptUntil(entry.getValue()) >= clock.millis())
                .doOnNext(entry -> remember(entry.getKey(), entry.getValue()))
                .count()
                .map(Math::toIntExact));
    }

    /**
     * Applies a stored value to the local copy; answers the cut-off in force, or {@link #NONE} for
     * a field or value it cannot read (never written by this version), which it ignores.
     */
    private long remember(String field, String value) {
        CutOffTarget target = target(field);
        int space = value.indexOf(' ');
        if (target == null || space < 0) {
            return NONE;
        }
        try {
            return local.remember(target, Long.parseLong(value.substring(0, space)), keptUntil(value));
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    /** The kept-until of a stored value; a value it cannot read counts as past. */
    private static long keptUntil(String value) {
        try {
            return Long.parseLong(value.substring(value.indexOf(' ') + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    static String field(CutOffTarget target) {
        String issuer = target.issuer().length() + ":" + target.issuer() + ":";
        if (target instanceof CutOffTarget.Subject subject) {
            return "s:" + issuer + subject.kind().claimValue() + ":" + subject.subject();
        }
        return "c:" + issuer + ((CutOffTarget.Client) target).clientId();
    }

    /** The target a field names, or {@code null} when it is not one {@link #field} wrote. */
    static CutOffTarget target(String field) {
        try {
            int lengthEnd = field.indexOf(':', 2);
            int issuerStart = lengthEnd + 1;
            int issuerEnd = issuerStart + Integer.parseInt(field.substring(2, lengthEnd));
            String issuer = field.substring(issuerStart, issuerEnd);
            if (field.charAt(issuerEnd) != ':') {
                return null;
            }
            String rest = field.substring(issuerEnd + 1);
            if (field.startsWith("c:")) {
                return new CutOffTarget.Client(issuer, rest);
            }
            int kindEnd = rest.indexOf(':');
            if (!field.startsWith("s:") || kindEnd < 0) {
                return null;
            }
            return new CutOffTarget.Subject(issuer, TokenKind.fromClaimValue(rest.substring(0, kindEnd)),
                    rest.substring(kindEnd + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }
}
