package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestRedis;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import redis.embedded.RedisServer;

/**
 * {@code POST /actuator/revocations} on two replicas sharing a Redis of the test's own: a cut-off
 * asked of A refuses the subject's live token at B, a token issued after it passes at both; with
 * Redis stopped the call answers 503 and cuts off nothing.
 */
class RevocationEndpointReplicasTest {

    static final String GENUIN_INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";

    private static RedisServer redis;
    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void start() {
        redis = TestRedis.startServer();
        String url = "redis://127.0.0.1:" + redis.ports().get(0);
        String prefix = TestRedis.uniquePrefix();
        Map<String, String> tokens = Map.of("tollgate.admin.tokens[0]", Operator.HASH);
        a = Replica.start(url, prefix, tokens);
        b = Replica.start(url, prefix, tokens);
    }

    @AfterAll
    static void stop() throws IOException {
        a.close();
        b.close();
        redis.stop();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aCutOffAtOneReplicaRefusesAtTheOtherAndLaterTokensPassAtBoth() throws InterruptedException, IOException {
        String live = Issuance.brandToken(b.client());
        a.guarded(live).expectStatus().isOk();
        b.guarded(live).expectStatus().isOk();

        Instant cutOff = Operator.cutOff(a.management(), "{\"kind\":\"brand\",\"subject\":\"acme\"}");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> b.guarded(live)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID));
        a.guarded(live).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID);
        Operator.waitPast(cutOff);
        String later = Issuance.brandToken(a.client());
        a.guarded(later).expectStatus().isOk();
        b.guarded(later).expectStatus().isOk();

        String channel = Issuance.channelToken(b.client());
        bearer(a, channel).expectStatus().isOk();
        redis.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    a.readiness().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            Operator.revoke(a.management(), "{\"kind\":\"channel\",\"subject\":\"" + Demo.CHANNEL_USER + "\"}")
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectHeader().valueEquals("Cache-Control", "no-store")
                    .expectBody(String.class).isEqualTo("{\"error\":\"temporarily_unavailable\","
                            + "\"error_description\":\"The state store is unreachable: nothing was cut off, try again\"}");
            assertThat(LogCapture.linesContainingAny(List.of("outcome=unavailable"))).last().asString()
                    .isEqualTo("admin.revocation.refused via=\"POST /actuator/revocations\" client.address=127.0.0.1"
                            + " issuer=tollgate kind=channel subject=" + Demo.CHANNEL_USER + " outcome=unavailable");
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> a.readiness().expectStatus().isOk());
        bearer(a, channel).expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec bearer(Replica replica, String token) {
        return replica.client().get().uri("/demo/bearer/x").header("Authorization", "Bearer " + token).exchange();
    }
}
