package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.RedisProcess;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestRedis;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tollgate.store.redis.wait-replicas} through the running gateway, on a real primary with
 * one real replica: replica A asks for 1 (there is one), replica B for 2. A revocation at B answers
 * 503 {@code temporarily_unavailable} (the caller retries) yet is in force on both; a refresh at B
 * is refused and the token stays spent; at A both work. Refresh tokens carry their family: an
 * older, 43-character token is refused as unknown.
 */
class ReplicationWaitReplicasTest {

    private static final String TRUSTED = "client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET;
    private static final String UNAVAILABLE =
            "{\"error\":\"temporarily_unavailable\",\"error_description\":\"The service is temporarily unavailable\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RedisProcess primary;
    private static RedisProcess replica;
    private static Replica a;
    private static Replica b;

    /**
     * Two redis-server processes and two applications: on the loaded two-core build machine the
     * first application alone has taken 90 s to start, so the hang guard is set wider here.
     */
    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void start() {
        primary = RedisProcess.standalone();
        replica = RedisProcess.standalone("replicaof 127.0.0.1 " + primary.port());
        primary.awaitReply(Duration.ofSeconds(20), info -> info.contains("connected_slaves:1"),
                "INFO", "replication");
        replica.awaitReply(Duration.ofSeconds(20), info -> info.contains("master_link_status:up"),
                "INFO", "replication");
        String url = "redis://127.0.0.1:" + primary.port();
        String prefix = TestRedis.uniquePrefix();
        a = Replica.start(url, prefix, Map.of("tollgate.store.redis.wait-replicas", "1"));
        b = Replica.start(url, prefix, Map.of("tollgate.store.redis.wait-replicas", "2"));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        replica.close();
        primary.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aRevocationTooFewReplicasAcknowledgedAnswers503AndIsInForceEverywhere() {
        String token = Secrets.remember(Issuance.brandToken(a.client()));
        String other = Secrets.remember(Issuance.brandToken(a.client()));
        b.guarded(token).expectStatus().isOk();
        double shortfallsBefore = shortfalls(b);

        b.invalidate(token)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().json(UNAVAILABLE, true);
        b.guarded(token).expectStatus().isUnauthorized();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> a.guarded(token).expectStatus().isUnauthorized());
        // At least: B keeps retrying the start cut-offs of the file's suspended accounts, each a shortfall too.
        assertThat(shortfalls(b)).isGreaterThanOrEqualTo(shortfallsBefore + 1);

        a.invalidate(other).expectStatus().isOk().expectBody().json("{\"result\":\"OK\"}", true);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> b.guarded(other).expectStatus().isUnauthorized());
        assertThat(shortfalls(a)).isZero();
    }

    @Test
    void aRefreshTooFewReplicasAcknowledgedIsRefusedAndTheTokenStaysSpent() {
        Map<String, Object> first = passwordGrant(b.client());
        String refreshToken = (String) first.get("refresh_token");
        assertThat(refreshToken).as("the family id, a dot, the random part")
                .matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");

        refresh(b.client(), refreshToken)
                .expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_grant\","
                        + "\"error_description\":\"The refresh token is unknown or expired\"}", true);
        refresh(a.client(), refreshToken)
                .expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_grant\","
                        + "\"error_description\":\"The refresh token was already used; its grant is revoked\"}", true);

        String fresh = (String) passwordGrant(a.client()).get("refresh_token");
        refresh(a.client(), fresh).expectStatus().isOk();
    }

    @Test
    void aRefreshTokenWithoutItsFamilyIsUnknown() {
        String fresh = (String) passwordGrant(a.client()).get("refresh_token");
        refresh(a.client(), fresh.substring(fresh.indexOf('.') + 1))
                .expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_grant\","
                        + "\"error_description\":\"The refresh token is unknown or expired\"}", true);
        refresh(a.client(), fresh).expectStatus().isOk();
    }

    private static double shortfalls(Replica replica) {
        return replica.bean(MeterRegistry.class).get("tollgate.store.errors").tag("operation", "replication.wait")
                .counter().count();
    }

    private static Map<String, Object> passwordGrant(WebTestClient client) {
        String body = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password&" + TRUSTED + "&username=alice&password=" + TestCredentials.PASSWORD)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = JSON.readValue(body, Map.class);
        Secrets.remember((String) tokens.get("access_token"));
        Secrets.remember((String) tokens.get("refresh_token"));
        return tokens;
    }

    private static WebTestClient.ResponseSpec refresh(WebTestClient client, String refreshToken) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&" + TRUSTED + "&refresh_token=" + refreshToken)
                .exchange();
    }
}
