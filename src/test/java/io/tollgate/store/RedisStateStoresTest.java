package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.support.TestRedis;
import io.tollgate.token.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract, on the Redis adapters against a real Redis; plus what only a shared store does:
 * a revocation reaches another replica's copy by pub/sub, and a replica that starts later reads
 * the whole set.
 */
class RedisStateStoresTest extends StateStoreContract {

    /** Made for each test class, so that a subclass's run does not close the factory of the next class. */
    private static LettuceConnectionFactory connections;

    private final String prefix = TestRedis.uniquePrefix();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RedisCalls redis = new RedisCalls(template(), () -> true,
            Duration.ofSeconds(2), new StoreErrors(registry));
    private final RedisKeys keys = new RedisKeys(prefix, prefix + "revocations");
    private final StateStores stores = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock);
    private final RedisRevocationStore revocations = replica(SKEW);
    private final RedisCutOffStore cutOffs = new RedisCutOffStore(redis, keys, clock);

    @BeforeAll
    static void connect() {
        connections = TestRedis.connectionFactory();
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    /** Where the adapters under test connect: the shared test Redis (standalone). */
    LettuceConnectionFactory connections() {
        return connections;
    }

    /** How the adapters under test talk to it. */
    ReactiveStringRedisTemplate template() {
        return new ReactiveStringRedisTemplate(connections());
    }

    @Override
    StateStores stores() {
        return stores;
    }

    @Override
    RevocationStore revocations() {
        return revocations;
    }

    @Override
    CutOffStore cutOffs() {
        return cutOffs;
    }

    @Test
    void aCutOffReachesAnotherReplicaAndAReplicaStartedLaterReadsIt() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        RedisRevocationStore listeningRevocations = replica(SKEW);
        RedisCutOffStore listening = new RedisCutOffStore(redis, keys, clock);
        Disposable subscription = new RedisAnnouncements(redis, List.of(listeningRevocations, listening))
                .listen(() -> {}).block();
        try {
            cutOffs.cutOff(new CutOffTarget.Subject("tollgate", TokenKind.OAUTH_USER, "alice"),
                    cutOff, cutOff.plusSeconds(600)).block();
            cutOffs.cutOff(new CutOffTarget.Client("tollgate", "demo-web"), cutOff, cutOff.plusSeconds(600)).block();
            revocations.revoke("jti-beside", Instant.now().plusSeconds(60)).block();
            await().atMost(Duration.ofSeconds(5)).until(() -> listeningRevocations.isRevoked("jti-beside")
                    && listening.clientCutOff("tollgate", "demo-web") == cutOff.getEpochSecond());
            assertThat(listening.subjectCutOff("tollgate", TokenKind.OAUTH_USER, "alice"))
                    .isEqualTo(cutOff.getEpochSecond());
        } finally {
            subscription.dispose();
        }
        RedisCutOffStore later = new RedisCutOffStore(redis, keys, clock);
        assertThat(later.clientCutOff("tollgate", "demo-web")).isEqualTo(CutOffStore.NONE);
        assertThat(later.reload().block()).isEqualTo(2);
        assertThat(later.clientCutOff("tollgate", "demo-web")).isEqualTo(cutOff.getEpochSecond());
        assertThat(later.subjectCutOff("tollgate", TokenKind.OAUTH_USER, "alice")).isEqualTo(cutOff.getEpochSecond());
    }

    /** A replica reads only the cut-offs not yet past their time, and a write trims those past it from Redis. */
    @Test
    void aCutOffPastItsTimeIsNeitherReadNorKept() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        cutOffs.cutOff(new CutOffTarget.Subject("tollgate", TokenKind.BRAND, "gone"), cutOff, cutOff.plusSeconds(5))
                .block();
        cutOffs.cutOff(new CutOffTarget.Subject("tollgate", TokenKind.BRAND, "live"), cutOff, cutOff.plusSeconds(600))
                .block();
        clock.advance(Duration.ofSeconds(10));
        RedisCutOffStore later = new RedisCutOffStore(redis, keys, clock);
        assertThat(later.reload().block()).isEqualTo(1);
        assertThat(later.subjectCutOff("tollgate", TokenKind.BRAND, "gone")).isEqualTo(CutOffStore.NONE);
        assertThat(later.subjectCutOff("tollgate", TokenKind.BRAND, "live")).isEqualTo(cutOff.getEpochSecond());
        cutOffs.cutOff(new CutOffTarget.Client("tollgate", "trigger-trim"), cutOff, cutOff.plusSeconds(600)).block();
        assertThat(redis.template().<String, String>opsForHash().keys(keys.cutOffs()).collectList().block())
                .containsExactlyInAnyOrder(RedisCutOffStore.field(new CutOffTarget.Subject("tollgate", TokenKind.BRAND,
                        "live")), RedisCutOffStore.field(new CutOffTarget.Client("tollgate", "trigger-trim")));
        assertThat(redis.template().opsForZSet().size(keys.cutOffExpiry()).block()).isEqualTo(2);
    }

    @Test
    void aRevocationReachesAnotherReplicaAndAReplicaStartedLaterReadsIt() {
        RedisRevocationStore listening = replica(SKEW);
        Disposable subscription = new RedisAnnouncements(redis, List.of(listening)).listen(() -> {}).block();
        try {
            revocations.revoke("jti-shared", Instant.now().plusSeconds(60)).block();
            await().atMost(Duration.ofSeconds(5)).until(() -> listening.isRevoked("jti-shared"));
        } finally {
            subscription.dispose();
        }
        RedisRevocationStore later = replica(SKEW);
        assertThat(later.isRevoked("jti-shared")).isFalse();
        assertThat(later.reload().block()).isEqualTo(1);
        assertThat(later.isRevoked("jti-shared")).isTrue();
    }

    @Test
    void aReplicaReloadsTheRevocationsOfTokensWithinItsClockSkewPastExp() {
        Instant now = clock.instant();
        revocations.revoke("jti-gone", now.plusSeconds(1)).block();
        revocations.revoke("jti-live", now.plusSeconds(600)).block();
        clock.advance(Duration.ofSeconds(10));
        RedisRevocationStore within = replica(SKEW);
        assertThat(within.reload().block()).isEqualTo(2);
        assertThat(within.isRevoked("jti-gone")).as("past exp, within the skew").isTrue();
        clock.advance(SKEW);
        RedisRevocationStore past = replica(SKEW);
        assertThat(past.reload().block()).isEqualTo(1);
        assertThat(past.isRevoked("jti-live")).isTrue();
        assertThat(past.isRevoked("jti-gone")).isFalse();
        assertThat(within.isRevoked("jti-gone")).as("the copy read before forgets it too").isFalse();
    }

    /**
     * The replica that writes trims the shared set by the longest skew any replica may have, not
     * by its own: a replica configured with a larger skew still finds the revocation.
     */
    @Test
    void theSharedSetKeepsARevocationForTheLongestSkewAnyReplicaMayHave() {
        String trigger = inBucketOf("jti-skewed", "jti-trigger-trim-");
        String triggerAgain = inBucketOf("jti-skewed", trigger + "-again-");
        revocations.revoke("jti-skewed", clock.instant().plusSeconds(1)).block();
        clock.advance(Duration.ofMinutes(4));
        revocations.revoke(trigger, clock.instant().plusSeconds(600)).block();
        RedisRevocationStore lenient = replica(RevocationStore.LONGEST_CLOCK_SKEW);
        lenient.reload().block();
        assertThat(lenient.isRevoked("jti-skewed")).isTrue();
        assertThat(revocations.isRevoked("jti-skewed")).as("past this replica's own skew").isFalse();
        clock.advance(Duration.ofMinutes(2));
        revocations.revoke(triggerAgain, clock.instant().plusSeconds(600)).block();
        assertThat(redis.template().opsForZSet().range(keys.revokedTokens("jti-skewed"), Range.unbounded())
                .collectList().block())
                .as("trimmed once past exp + the longest skew")
                .containsExactlyInAnyOrder(trigger, triggerAgain);
    }

    /** Revocations spread over every bucket, and a replica started later reads them from all. */
    @Test
    void revocationsSpreadOverEveryBucketAndAReloadReadsThemAll() {
        Instant exp = clock.instant().plusSeconds(600);
        int revoked = 200;
        for (int i = 0; i < revoked; i++) {
            revocations.revoke("jti-spread-" + i, exp).block();
        }
        List<Long> sizes = keys.revokedTokenBuckets().stream()
                .map(bucket -> redis.template().opsForZSet().size(bucket).block())
                .toList();
        assertThat(sizes).hasSize(RedisKeys.REVOCATION_BUCKETS).allSatisfy(size -> assertThat(size).isPositive());
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(revoked);
        RedisRevocationStore later = replica(SKEW);
        assertThat(later.reload().block()).isEqualTo(revoked);
        for (int i = 0; i < revoked; i++) {
            assertThat(later.isRevoked("jti-spread-" + i)).as("jti-spread-" + i).isTrue();
        }
    }

    /**
     * The revocations an earlier version wrote into its one set are read by the full reload
     * beside the buckets, so an upgrade forgets none while their tokens live.
     */
    @Test
    void aReloadReadsTheRevocationsWrittenBeforeTheSetWasSplit() {
        redis.template().opsForZSet().add(keys.revokedTokensBeforeBuckets(), "jti-before-upgrade",
                clock.instant().plusSeconds(600).toEpochMilli()).block();
        RedisRevocationStore later = replica(SKEW);
        assertThat(later.reload().block()).isEqualTo(1);
        assertThat(later.isRevoked("jti-before-upgrade")).isTrue();
    }

    /** A token id with {@code base} and a number that falls into the bucket of {@code tokenId}. */
    private String inBucketOf(String tokenId, String base) {
        String bucket = keys.revokedTokens(tokenId);
        return IntStream.range(0, 1000).mapToObj(i -> base + i)
                .filter(candidate -> keys.revokedTokens(candidate).equals(bucket))
                .findFirst().orElseThrow();
    }

    @Test
    void aStoreThatCannotBeReachedFailsWithinItsTimeoutAndCountsTheError() {
        LettuceConnectionFactory nowhere = TestRedis.unreachableConnectionFactory();
        try {
            RedisCalls unreachable = new RedisCalls(new ReactiveStringRedisTemplate(nowhere), () -> true,
                    Duration.ofMillis(300), new StoreErrors(registry));
            LoginAttemptStore attempts = new RedisStateStores(unreachable, keys, JsonMapper.builder().build(),
                    Clock.systemUTC()).loginAttempts(Duration.ofMinutes(1), Duration.ofMinutes(1));
            assertThatThrownBy(() -> attempts.reserve("user:x", 3).block())
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(registry.get("tollgate.store.errors").tag("operation", "lockout.reserve").counter().count())
                    .isEqualTo(1);
        } finally {
            nowhere.destroy();
        }
    }

    @Test
    void whileTheStoreIsKnownToBeDownCallsFailWithoutTouchingRedis() {
        RedisCalls down = new RedisCalls(new ReactiveStringRedisTemplate(connections()), () -> false,
                Duration.ofSeconds(2), new StoreErrors(registry));
        AuthorizationCodeStore<String> codes = new RedisStateStores(down, keys, JsonMapper.builder().build(),
                Clock.systemUTC()).authorizationCodes(String.class);
        assertThatThrownBy(() -> codes.save("code-down", "grant", Duration.ofMinutes(1)).block())
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(stores.authorizationCodes(String.class).redeem("code-down").block())
                .as("nothing was written").isNull();
    }

    private RedisRevocationStore replica(Duration clockSkew) {
        return new RedisRevocationStore(redis, keys, clock, clockSkew);
    }
}
