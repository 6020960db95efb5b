package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.support.Demo;
import io.tollgate.support.Introspection;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestRedis;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import redis.embedded.RedisServer;

/**
 * Redis stopped under two running replicas, then started again: A with the default failure policy
 * (fail-closed), B with fail-open. The test owns its Redis server, so it can stop it.
 */
class RedisOutageTest {

    private static RedisServer redis;
    private static int redisPort;
    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void start() {
        redis = TestRedis.startServer();
        redisPort = redis.ports().get(0);
        String url = "redis://127.0.0.1:" + redisPort;
        String prefix = TestRedis.uniquePrefix();
        a = Replica.start(url, prefix, Map.of());
        b = Replica.start(url, prefix, Map.of("tollgate.store.on-failure", "fail-open"));
    }

    @AfterAll
    static void stop() throws IOException {
        a.close();
        b.close();
        redis.stop();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void cachedTokensKeepWorkingUnseenOnesFollowThePolicyIssuanceAnswers503AndAllRecovers() throws IOException {
        String cached = Issuance.brandToken(a.client());
        String revokedBefore = Issuance.brandToken(a.client());
        String unseen = Issuance.brandToken(a.client());
        String unseenChannel = Issuance.channelToken(a.client());
        String unseenRevoked = Issuance.channelToken(a.client());
        for (Replica replica : new Replica[] {a, b}) {
            replica.guarded(cached).expectStatus().isOk();
            replica.guarded(revokedBefore).expectStatus().isOk();
        }
        a.invalidate(revokedBefore).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> b.guarded(revokedBefore).expectStatus().isUnauthorized());
        a.readiness().expectStatus().isOk();

        redis.stop();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> a.readiness()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.components.store.status").isEqualTo("DOWN"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                b.readiness().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));

        // Cached verdicts stand, revocations received before the outage included.
        for (Replica replica : new Replica[] {a, b}) {
            replica.guarded(cached).expectStatus().isOk();
            replica.guarded(revokedBefore).expectStatus().isUnauthorized();
        }
        // An unseen token: refused at the fail-closed replica, in the route's dialect...
        a.guarded(unseen)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().json("{\"code\":\"5030\",\"message\":\"Service temporarily unavailable.\",\"data\":{}}",
                        true);
        a.client().get().uri("/demo/bearer/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + unseenChannel)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody().json("{\"error\":\"temporarily_unavailable\","
                        + "\"error_description\":\"The service is temporarily unavailable\"}", true);
        // Forward authentication judges it as the route would, 503 carried in its headers...
        a.client().get().uri("/auth/check")
                .header("X-Original-Method", "GET")
                .header("X-Original-URI", "/demo/genuin/hello")
                .header("gn-access-token", unseen)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals("X-Tollgate-Status", "503")
                .expectHeader().valueEquals("X-Tollgate-Code", "5030")
                .expectBody().json("{\"code\":\"5030\",\"message\":\"Service temporarily unavailable.\",\"data\":{}}",
                        true);
        // ...and introspection answers 503, as the token endpoint does.
        Introspection.byWebClient(a.client(), unseen)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectBody().json("{\"error\":\"temporarily_unavailable\","
                        + "\"error_description\":\"The service is temporarily unavailable\"}", true);
        // ...admitted and counted at the fail-open one, but still checked by signature and expiry.
        double admittedBefore = failOpenCount(b);
        b.guarded(unseen).expectStatus().isOk();
        b.guarded("x" + unseen).expectStatus().isUnauthorized();
        assertThat(failOpenCount(b)).isEqualTo(admittedBefore + 1);

        // Issuance and revocation fail visibly, in each dialect, instead of hanging.
        Issuance.brandRequest(a.client(), Demo.BRAND_KEY, Demo.BRAND_SECRET)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().json("{\"code\":\"5030\",\"message\":\"Service temporarily unavailable.\",\"data\":{}}",
                        true);
        Issuance.channelRequest(a.client(), Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody(String.class).isEqualTo("service unavailable");
        clientCredentials(a.client())
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().json("{\"error\":\"temporarily_unavailable\","
                        + "\"error_description\":\"The service is temporarily unavailable\"}", true);
        a.invalidate(cached)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.error").isEqualTo("temporarily_unavailable");
        b.guarded(cached).expectStatus().isOk();
        // A token A never saw cannot be revoked either: 503, not the "OK" of an invalid token.
        a.invalidate(unseenRevoked)
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().json("{\"error\":\"temporarily_unavailable\","
                        + "\"error_description\":\"The service is temporarily unavailable\"}", true);

        redis = TestRedis.startServer(redisPort);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> a.readiness().expectStatus().isOk()
                .expectBody().jsonPath("$.components.store.status").isEqualTo("UP"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> b.readiness().expectStatus().isOk());

        // Back to normal, without a restart: the unseen token passes, issuance works, and a
        // revocation at A reaches B over the re-established subscription.
        a.guarded(unseen).expectStatus().isOk();
        Issuance.brandRequest(a.client(), Demo.BRAND_KEY, Demo.BRAND_SECRET).expectStatus().isOk();
        a.invalidate(cached).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> b.guarded(cached).expectStatus().isUnauthorized());
    }

    private static double failOpenCount(Replica replica) {
        return replica.bean(MeterRegistry.class).get("tollgate.store.fail.open").counter().count();
    }

    private static WebTestClient.ResponseSpec clientCredentials(WebTestClient client) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=" + TestCredentials.WEB_CLIENT
                        + "&client_secret=" + TestCredentials.WEB_SECRET)
                .exchange();
    }
}
