package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.revocation.RevocationOrigin;
import io.tollgate.revocation.SubjectRevocations;
import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestRedis;
import io.tollgate.token.TokenKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import redis.embedded.RedisServer;

/**
 * A revocation (or a cut-off) announced while one replica's subscription was down, and Redis stayed reachable
 * the whole time, so that replica's pings never failed: what happens when Redis restarts between
 * two pings (a supervisor restarts it at once) or a network blip drops only the subscription's
 * connection. The replica must re-read the revocation set once its subscription is back, or it
 * admits the revoked token until it expires.
 *
 * <p>To hold the subscription down deterministically, B connects as a Redis user of its own: the
 * test disables that user and closes B's subscription connection, so B's reconnection attempts
 * fail, while its command connection (already authenticated) keeps answering pings.
 */
class MissedRevocationTest {

    private static final String USER = "replica-b";
    private static final String PASSWORD = Secrets.remember("replica-b-redis-password-5f1c");
    private static final String INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    private static final String BEARER_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";

    private static RedisServer redis;
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConnection;
    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void start() {
        redis = TestRedis.startServer();
        int port = redis.ports().get(0);
        admin = RedisClient.create("redis://127.0.0.1:" + port);
        adminConnection = admin.connect();
        commands().aclSetuser(USER, AclSetuserArgs.Builder.on().addPassword(PASSWORD).allKeys().allChannels().allCommands());
        String prefix = TestRedis.uniquePrefix();
        a = Replica.start("redis://127.0.0.1:" + port, prefix, Map.of());
        b = Replica.start("redis://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port, prefix, Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        a.close();
        b.close();
        adminConnection.close();
        admin.shutdown();
        redis.stop();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aRevocationAnnouncedWhileTheSubscriptionWasDownIsAppliedOnceItIsBack() {
        String missed = Issuance.brandToken(a.client());
        b.guarded(missed).expectStatus().isOk();

        commands().aclSetuser(USER, AclSetuserArgs.Builder.off());
        assertThat(commands().clientKill(KillArgs.Builder.typePubsub().user(USER))).isEqualTo(1L);
        a.invalidate(missed).expectStatus().isOk().expectBody().json("{\"result\":\"OK\"}", true);
        commands().aclSetuser(USER, AclSetuserArgs.Builder.on());

        // B hears revocations again...
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String probe = Issuance.brandToken(a.client());
            b.guarded(probe).expectStatus().isOk();
            a.invalidate(probe).expectStatus().isOk();
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> b.guarded(probe).expectStatus().isUnauthorized());
        });
        // ...and the one announced while it could not hear is applied too: B read the set again.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> b.guarded(missed)
                .expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED)
                .expectBody().json(INVALID, true));
        b.readiness().expectStatus().isOk();
    }

    /** The same for a cut-off: B re-reads the cut-offs as well as the revocations. */
    @Test
    void aCutOffAnnouncedWhileTheSubscriptionWasDownIsAppliedOnceItIsBack() {
        String missed = Issuance.channelToken(a.client());
        bearer(b, missed).expectStatus().isOk();

        commands().aclSetuser(USER, AclSetuserArgs.Builder.off());
        assertThat(commands().clientKill(KillArgs.Builder.typePubsub().user(USER))).isEqualTo(1L);
        a.bean(SubjectRevocations.class).cutOff(
                new CutOffTarget.Subject(CutOffTarget.DEFAULT_ISSUER, TokenKind.CHANNEL, Demo.CHANNEL_USER),
                new RevocationOrigin("test", RevocationOrigin.NO_ADDRESS)).block();
        bearer(a, missed).expectStatus().isUnauthorized();
        commands().aclSetuser(USER, AclSetuserArgs.Builder.on());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> bearer(b, missed)
                .expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED)
                .expectBody().json(BEARER_INVALID, true));
        b.readiness().expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec bearer(Replica replica, String token) {
        return replica.client().get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private static RedisCommands<String, String> commands() {
        return adminConnection.sync();
    }
}
