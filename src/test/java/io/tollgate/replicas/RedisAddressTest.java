package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestRedis;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import redis.embedded.RedisServer;

/**
 * Both ways Spring Boot names a Redis reach it: {@code host} + {@code port} (+ {@code password},
 * {@code database}), and {@code url}, which outranks them. The Redis is on a port other than
 * 6379, asks for a password and is used in database 3, so a replica that fell back to Boot's
 * default (localhost:6379, database 0, no password) would be unready and could issue nothing.
 */
class RedisAddressTest {

    private static final String PASSWORD = Secrets.remember("redis-address-test-password-0c7e5a91");
    private static final int DATABASE = 3;
    private static final String READY =
            "{\"components\":{\"keys\":{\"status\":\"UP\"},\"readinessState\":{\"status\":\"UP\"},"
                    + "\"store\":{\"status\":\"UP\"}},\"status\":\"UP\"}";

    private static RedisServer redis;
    private static int port;

    @BeforeAll
    static void start() {
        redis = TestRedis.startServer(PASSWORD);
        port = redis.ports().get(0);
        assertThat(port).isNotEqualTo(6379);
    }

    @AfterAll
    static void stop() throws IOException {
        redis.stop();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void hostPortPasswordAndDatabaseNameTheRedis() {
        String prefix = TestRedis.uniquePrefix();
        try (Replica replica = Replica.start(Map.of(
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", Integer.toString(port),
                "spring.data.redis.password", PASSWORD,
                "spring.data.redis.database", Integer.toString(DATABASE)), prefix, Map.of())) {
            issuesAndRevokesThroughTheRedis(replica, prefix);
        }
    }

    @Test
    void aUrlNamesTheRedisAndOutranksHostPortAndPassword() {
        String prefix = TestRedis.uniquePrefix();
        try (Replica replica = Replica.start(Map.of(
                "spring.data.redis.url", "redis://:" + PASSWORD + "@127.0.0.1:" + port + "/" + DATABASE,
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", Integer.toString(TestRedis.freePort()),
                "spring.data.redis.password", "not-the-password"), prefix, Map.of())) {
            issuesAndRevokesThroughTheRedis(replica, prefix);
        }
    }

    /** Ready, a brand token issued, revoked, and the revocation written into the named database. */
    private static void issuesAndRevokesThroughTheRedis(Replica replica, String prefix) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> replica.management().get()
                .uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(READY));
        String token = Issuance.brandToken(replica.client());
        replica.client().post().uri("/platform/oauth/invalidate_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("access_token=" + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
        replica.client().get().uri("/demo/genuin/hello").header("gn-access-token", token).exchange()
                .expectStatus().isUnauthorized();
        assertThat(keys(DATABASE, prefix)).isNotEmpty();
        assertThat(keys(0, prefix)).isEmpty();
    }

    private static List<String> keys(int database, String prefix) {
        RedisClient client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(port)
                .withPassword(PASSWORD.toCharArray())
                .withDatabase(database)
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(prefix + "*");
        } finally {
            client.shutdown();
        }
    }
}
