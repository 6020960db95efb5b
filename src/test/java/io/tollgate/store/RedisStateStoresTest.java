package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final StateStores stores = new RedisStateStores(redis, prefix, JsonMapper.builder().build(), clock);
    private final RedisRevocationStore revocations = replica(SKEW);

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

    @Test
    void aRevocationReachesAnotherReplicaAndAReplicaStartedLaterReadsIt() {
        RedisRevocationStore listening = replica(SKEW);
        Disposable subscription = listening.listen(() -> {}).block();
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
            LoginAttemptStore attempts = new RedisStateStores(unreachable, prefix, JsonMapper.builder().build(),
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
        AuthorizationCodeStore<String> codes = new RedisStateStores(down, prefix, JsonMapper.builder().build(),
                Clock.systemUTC()).authorizationCodes(String.class);
        assertThatThrownBy(() -> codes.save("code-down", "grant", Duration.ofMinutes(1)).block())
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(stores.authorizationCodes(String.class).redeem("code-down").block())
                .as("nothing was written").isNull();
    }

    private RedisRevocationStore replica(Duration clockSkew) {
        return new RedisRevocationStore(redis, prefix, prefix + "revocations", clock, clockSkew);
    }
}
