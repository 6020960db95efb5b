package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.support.RedisProcess;
import io.tollgate.support.ShiftedClock;
import io.tollgate.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wait-replicas} against a real primary with one real replica (Debian's redis-server 7.0,
 * {@code replicaof}): with as many replicas as asked, every write is acknowledged and on the
 * replica when it returns; with more asked than there are, a revocation (token, cut-off) fails as
 * the store being unavailable and is counted, a redemption (code, refresh token) is refused and
 * stays spent, and a family revocation still hands back its tokens to revoke.
 */
class ReplicationWaitTest {

    private static final RedisProcess PRIMARY = RedisProcess.standalone();
    private static final RedisProcess REPLICA = replicaOf(PRIMARY);
    private static final LettuceConnectionFactory CONNECTIONS = connect(PRIMARY);

    private final ShiftedClock clock = new ShiftedClock();
    private final String prefix = "wait-" + System.nanoTime() + ":";
    private final RedisKeys keys = new RedisKeys(prefix, prefix + "revocations");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ReplicatedWrites replicated;

    private static RedisProcess replicaOf(RedisProcess primary) {
        RedisProcess replica = RedisProcess.standalone("replicaof 127.0.0.1 " + primary.port());
        replica.awaitReply(Duration.ofSeconds(20), info -> info.contains("master_link_status:up"),
                "INFO", "replication");
        primary.awaitReply(Duration.ofSeconds(20), info -> info.contains("connected_slaves:1"),
                "INFO", "replication");
        return replica;
    }

    private static LettuceConnectionFactory connect(RedisProcess server) {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @AfterEach
    void closeConnection() {
        replicated.close();
    }

    @AfterAll
    static void stop() {
        CONNECTIONS.destroy();
        REPLICA.close();
        PRIMARY.close();
    }

    /** The adapters with {@code wait-replicas: replicas}. */
    private RedisCalls waitingFor(int replicas) {
        replicated = new ReplicatedWrites(CONNECTIONS::getRequiredNativeClient, replicas, Duration.ofMillis(200));
        replicated.open().block();
        return new RedisCalls(new ReactiveStringRedisTemplate(CONNECTIONS), () -> true, Duration.ofSeconds(2),
                new StoreErrors(registry), replicated);
    }

    @Test
    void withAsManyReplicasAsAskedEveryWriteIsOnTheReplicaWhenItReturns() {
        RedisCalls redis = waitingFor(1);
        RedisRevocationStore revocations = new RedisRevocationStore(redis, keys, clock, Duration.ofSeconds(30));
        revocations.revoke("jti-waited", clock.instant().plusSeconds(600)).block();
        assertThat(REPLICA.cli("ZSCORE", keys.revokedTokens("jti-waited"), "jti-waited"))
                .as("on the replica once acknowledged").matches("[0-9]+");

        AuthorizationCodeStore<String> codes = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock)
                .authorizationCodes(String.class);
        codes.save("code-waited", "grant", Duration.ofMinutes(1)).block();
        assertThat(codes.redeem("code-waited").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", false));
        assertThat(REPLICA.cli("HGET", keys.code("code-waited"), "uses")).isEqualTo("1");

        GrantFamilyStore<String> families = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock)
                .grantFamilies(String.class);
        RefreshTokenKey token = new RefreshTokenKey("family-waited", "digest-waited");
        families.saveRefreshToken(token, "grant", clock.instant().plusSeconds(600)).block();
        assertThat(families.useRefreshToken(token).block())
                .isEqualTo(new GrantFamilyStore.RefreshUse<>("family-waited", "grant", false));
        assertThat(REPLICA.cli("HGET", keys.refreshToken(token), "uses")).isEqualTo("1");

        assertThat(registry.get("tollgate.store.errors").tag("operation", "replication.wait").counter().count())
                .isZero();
    }

    @Test
    void withMoreReplicasAskedThanThereAreARevocationAnswersStoreUnavailableAndIsCounted() {
        RedisCalls redis = waitingFor(2);
        RedisRevocationStore revocations = new RedisRevocationStore(redis, keys, clock, Duration.ofSeconds(30));
        assertThatThrownBy(() -> revocations.revoke("jti-short", clock.instant().plusSeconds(600)).block())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("State store unavailable during revocation.write (ReplicationShortfall)");
        assertThat(revocations.isRevoked("jti-short")).as("in force here meanwhile").isTrue();
        RedisRevocationStore later = new RedisRevocationStore(redis, keys, clock, Duration.ofSeconds(30));
        later.reload().block();
        assertThat(later.isRevoked("jti-short")).as("written on the primary").isTrue();

        RedisCutOffStore cutOffs = new RedisCutOffStore(redis, keys, clock);
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        assertThatThrownBy(() -> cutOffs.cutOff(new CutOffTarget.Subject("tollgate", TokenKind.OAUTH_USER, "alice"),
                        cutOff, cutOff.plusSeconds(600)).block())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("State store unavailable during cutoff.write (ReplicationShortfall)");

        assertThat(registry.get("tollgate.store.errors").tag("operation", "replication.wait").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("tollgate.store.errors").tag("operation", "revocation.write").counter().count())
                .as("counted once, for why it failed").isZero();
    }

    @Test
    void withMoreReplicasAskedThanThereAreARedemptionIsRefusedAndStaysSpent() {
        RedisCalls redis = waitingFor(2);
        StateStores stores = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock);
        AuthorizationCodeStore<String> codes = stores.authorizationCodes(String.class);
        codes.save("code-short", "grant", Duration.ofMinutes(1)).block();
        assertThat(codes.redeem("code-short").block()).as("refused").isNull();
        assertThat(codes.find("code-short").block())
                .as("spent: a second redemption is a replay")
                .isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", true));

        GrantFamilyStore<String> families = stores.grantFamilies(String.class);
        RefreshTokenKey token = new RefreshTokenKey("family-short", "digest-short");
        families.saveRefreshToken(token, "grant", clock.instant().plusSeconds(600)).block();
        assertThat(families.useRefreshToken(token).block()).as("refused").isNull();
        assertThat(families.findRefreshToken(token).block())
                .as("spent: a second use is reuse")
                .isEqualTo(new GrantFamilyStore.RefreshUse<>("family-short", "grant", true));

        assertThat(registry.get("tollgate.store.errors").tag("operation", "replication.wait").counter().count())
                .isEqualTo(2);
    }

    @Test
    void withMoreReplicasAskedThanThereAreAFamilyRevocationStillHandsBackItsTokens() {
        RedisCalls redis = waitingFor(2);
        GrantFamilyStore<String> families = new RedisStateStores(redis, keys, JsonMapper.builder().build(), clock)
                .grantFamilies(String.class);
        Instant exp = clock.instant().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        families.addAccessToken("family-revoked-short", "jti-member", exp).block();
        assertThat(families.revokeFamily("family-revoked-short", clock.instant().plusSeconds(60)).block())
                .containsExactly(new GrantFamilyStore.FamilyToken("jti-member", exp));
        assertThat(families.addAccessToken("family-revoked-short", "jti-late", exp).block())
                .as("revoked on the primary").isFalse();
    }
}
