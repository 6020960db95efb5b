package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.support.TestRedis;
import io.tollgate.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract on the Redis adapters against a real Redis topology of several processes (the
 * subclass starts it once for its class; every test has a key prefix of its own), and what only a
 * shared store does: announcements reach another replica's copies, a replica started later reads
 * the sets whole.
 */
abstract class RedisTopologyContract extends StateStoreContract {

    private final String prefix = TestRedis.uniquePrefix();
    private final RedisCalls redis = new RedisCalls(new ReactiveStringRedisTemplate(connections()), () -> true,
            Duration.ofSeconds(5), new StoreErrors(new SimpleMeterRegistry()));
    private final RedisKeys keys = new RedisKeys(prefix, prefix + "revocations");
    private final StateStores stores = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock);
    private final RedisRevocationStore revocations = new RedisRevocationStore(redis, keys, clock, SKEW);
    private final RedisCutOffStore cutOffs = new RedisCutOffStore(redis, keys, clock);

    /** The subclass's connections to its topology, started before any instance is made. */
    abstract LettuceConnectionFactory connections();

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
    void announcementsReachAnotherReplicaAndAReplicaStartedLaterReadsTheSetsWhole() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        RedisRevocationStore listeningRevocations = new RedisRevocationStore(redis, keys, clock, SKEW);
        RedisCutOffStore listeningCutOffs = new RedisCutOffStore(redis, keys, clock);
        Disposable subscription = new RedisAnnouncements(redis, List.of(listeningRevocations, listeningCutOffs))
                .listen(() -> {}).block();
        try {
            for (int i = 0; i < 20; i++) {
                revocations.revoke("jti-spread-" + i, Instant.now().plusSeconds(60)).block();
            }
            cutOffs.cutOff(new CutOffTarget.Client("tollgate", "demo-web"), cutOff, cutOff.plusSeconds(600)).block();
            await().atMost(Duration.ofSeconds(5)).until(() -> listeningRevocations.isRevoked("jti-spread-19")
                    && listeningCutOffs.clientCutOff("tollgate", "demo-web") == cutOff.getEpochSecond());
            for (int i = 0; i < 20; i++) {
                assertThat(listeningRevocations.isRevoked("jti-spread-" + i)).isTrue();
            }
        } finally {
            subscription.dispose();
        }
        RedisRevocationStore laterRevocations = new RedisRevocationStore(redis, keys, clock, SKEW);
        RedisCutOffStore laterCutOffs = new RedisCutOffStore(redis, keys, clock);
        assertThat(laterRevocations.reload().block()).isEqualTo(20);
        assertThat(laterCutOffs.reload().block()).isEqualTo(1);
        assertThat(laterRevocations.isRevoked("jti-spread-7")).isTrue();
        assertThat(laterCutOffs.clientCutOff("tollgate", "demo-web")).isEqualTo(cutOff.getEpochSecond());
    }
}
