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
import org.junit.jupiter.api.AfterAll;
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

    private static final LettuceConnectionFactory CONNECTIONS = TestRedis.connectionFactory();

    private final String prefix = TestRedis.uniquePrefix();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RedisCalls redis = new RedisCalls(new ReactiveStringRedisTemplate(CONNECTIONS), () -> true,
            Duration.ofSeconds(2), new StoreErrors(registry));
    private final RedisKeys keys = new RedisKeys(prefix, prefix + "revocations");
    private final StateStores stores = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock);
    private final RedisRevocationStore revocations = replica(SKEW);
    private final RedisCutOffStore cutOffs = new RedisCutOffStore(redis, keys, clock);

    @AfterAll
    static void disconnect() {
        CONNECTIONS.destroy();
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
        revocations.revoke("jti-skewed", clock.instant().plusSeconds(1)).block();
        clock.advance(Duration.ofMinutes(4));
        revocations.revoke("jti-trigger-trim", clock.instant().plusSeconds(600)).block();
        RedisRevocationStore lenient = replica(RevocationStore.LONGEST_CLOCK_SKEW);
        lenient.reload().block();
        assertThat(lenient.isRevoked("jti-skewed")).isTrue();
        assertThat(revocations.isRevoked("jti-skewed")).as("past this replica's own skew").isFalse();
        clock.advance(Duration.ofMinutes(2));
        revocations.revoke("jti-trigger-trim-again", clock.instant().plusSeconds(600)).block();
        assertThat(redis.template().opsForZSet().range(prefix + "revoked", Range.unbounded()).collectList().block())
                .as("trimmed once past exp + the longest skew")
                .containsExactlyInAnyOrder("jti-trigger-trim", "jti-trigger-trim-again");
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
        RedisCalls down = new RedisCalls(new ReactiveStringRedisTemplate(CONNECTIONS), () -> false,
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
