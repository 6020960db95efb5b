package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.skyscreamer.jsonassert.JSONAssert;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas of one deployment, A and B, on a real Redis topology of several processes that the
 * subclass starts for its class: what one does the other sees (codes, revocations, rate-limit
 * budgets), and then, last, a primary killed with SIGKILL under load. The replicas run with
 * {@code wait-replicas: 1}, so a revocation is acknowledged (200) only once a replica has it.
 * Throughout the failover, cached tokens keep working and every other answer is the documented one
 * (200, or the 503 of the dialect, never a 500); every revocation acknowledged before or during
 * the kill is refused at both replicas after it, every run (a 503 is not an acknowledgement: the
 * caller retries); both replicas recover without a restart. Where the promoted primary has no
 * replica of its own (a Cluster with one replica per primary), revocations on its shard answer 503
 * until the killed node is back as its replica, and are acknowledged again after. The longest
 * outage each kind of request saw is printed ({@code Redis failover (…)}, docs/BENCHMARKS.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TopologyReplicasContract {

    /**
     * What the replicas are started with: revocations acknowledged once one Redis replica has them,
     * a small brand budget (the rate-limit test runs it dry), no channel-user or address limits.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "tollgate.store.redis.wait-replicas", "1",
            // Within the store's 1 s timeout, and wide enough for a replica on a loaded machine.
            "tollgate.store.redis.wait-timeout", "500ms",
            "tollgate.rate-limit.brand.replenish-rate", "1",
            "tollgate.rate-limit.brand.burst-capacity", "20",
            // The cached-token loop outruns a channel user's budget once Redis counts again.
            "tollgate.rate-limit.channel.burst-capacity", "100000",
            "tollgate.rate-limit.channel.replenish-rate", "100000",
            "tollgate.rate-limit.client-address.burst-capacity", "100000",
            "tollgate.rate-limit.client-address.replenish-rate", "100000");

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final String UNAVAILABLE_GENUIN = "{\"code\":\"5030\",\"message\":\"Service temporarily unavailable.\",\"data\":{}}";
    private static final String UNAVAILABLE_OAUTH =
            "{\"error\":\"temporarily_unavailable\",\"error_description\":\"The service is temporarily unavailable\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REREAD = "State store connection re-established";
    private static final String ISSUANCE = "issuance";
    private static final String REVOCATION = "revocation";
    private static final String CACHED = "cached";
    /** Tokens revoked under load, one after another: more than the load acknowledges before it is stopped. */
    private static final int REVOCABLE = 120;
    /**
     * Tokens revoked one by one after the failover until one lands on the shard left without a
     * replica: each lands on one of the 16 buckets, a shard holds at least a fifth of them.
     */
    private static final int PROBES = 40;

    abstract Replica a();

    abstract Replica b();

    /** The topology's name, for the printed figures. */
    abstract String topology();

    /**
     * Kills the primary (SIGKILL) that serves the state under test and waits until the topology is
     * whole again. Returns the restart of the killed node (waiting until it is a replica in sync)
     * where the promoted primary has no replica until then, so that revocations on its shard are
     * refused meanwhile; empty where it keeps one (Sentinel: the other replica follows it).
     */
    abstract Optional<Runnable> killPrimaryAndAwaitFailover();

    @Test
    @Order(1)
    void aCodeIssuedAtAIsRedeemedOnceAtB() {
        String code = code();
        tokenRequest(b().client(), code).expectStatus().isOk().expectBody().jsonPath("$.access_token").isNotEmpty();
        tokenRequest(b().client(), code).expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_grant\"}");
        tokenRequest(a().client(), code).expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_grant\"}");
    }

    @Test
    @Order(2)
    void aTokenRevokedAtAIsRefusedAtB() {
        assertRevocationPropagates();
    }

    /** As in {@link ReplicasTest}: B sees the bucket A drew from, then runs it dry and is refused. */
    @Test
    @Order(3)
    void theRateLimitBudgetIsShared() {
        String token = Issuance.brandToken(a().client());
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            a().guarded(token).expectStatus().isOk();
        }
        long remainingAtB = Long.parseLong(b().guarded(token).expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-API-Rate-Remaining"));
        long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
        assertThat(remainingAtB).isLessThanOrEqualTo(9 + refilled).isLessThan(19);
        EntityExchangeResult<String> refused = b().guarded(token).expectBody(String.class).returnResult();
        for (int i = 0; i < 60 && refused.getStatus() == HttpStatus.OK; i++) {
            refused = b().guarded(token).expectBody(String.class).returnResult();
        }
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseBody()).isEqualTo("{\"code\":\"4290\",\"message\":\"Too many requests.\",\"data\":{}}");
    }

    @Test
    @Order(4)
    void aPrimaryKilledUnderLoadIsFailedOverWithoutLosingARevocationAndBothReplicasRecover() {
        String cached = Issuance.channelToken(a().client());
        String revokedBefore = Issuance.channelToken(a().client());
        for (Replica replica : List.of(a(), b())) {
            bearer(replica, cached).expectStatus().isOk();
            bearer(replica, revokedBefore).expectStatus().isOk();
        }
        a().invalidate(revokedBefore).expectStatus().isOk().expectBody().json("{\"result\":\"OK\"}", true);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> bearer(b(), revokedBefore).expectStatus().isUnauthorized());
        List<String> revocable = new ArrayList<>();
        for (int i = 0; i < REVOCABLE; i++) {
            revocable.add(Issuance.channelToken((i % 2 == 0 ? a() : b()).client()));
        }
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add(Issuance.channelToken(a().client()));
        }
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        AtomicLong killed = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger turn = new AtomicInteger();

        try (FailoverLoad load = new FailoverLoad(Duration.ofMillis(20))) {
            load.start(CACHED, () -> bearer(turn.getAndIncrement() % 2 == 0 ? a() : b(), cached)
                    .expectBody(String.class).returnResult());
            load.start(ISSUANCE, () -> Issuance.brandRequest((turn.get() % 2 == 0 ? a() : b()).client(),
                    Demo.BRAND_KEY, Demo.BRAND_SECRET).expectBody(String.class).returnResult());
            load.start(REVOCATION, () -> {
                // A revocation that failed is tried again with the same token: the caller knows it did not happen.
                String token = revocable.get(Math.min(next.get(), REVOCABLE - 1));
                EntityExchangeResult<String> result = (next.get() % 2 == 0 ? a() : b()).invalidate(token)
                        .expectBody(String.class).returnResult();
                if (result.getStatus() == HttpStatus.OK && next.get() < REVOCABLE) {
                    synchronized (acknowledged) {
                        acknowledged.put(token, System.nanoTime());
                    }
                    next.incrementAndGet();
                }
                return result;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !load.answers(REVOCATION).isEmpty()
                    && !load.answers(ISSUANCE).isEmpty());

            killed.set(System.nanoTime());
            Optional<Runnable> restart = killPrimaryAndAwaitFailover();
            long failedOver = System.nanoTime();
            restart.ifPresent(killedNode -> {
                String refused = refusedOnTheShardWithoutAReplica(probes, acknowledged);
                long down = System.nanoTime();
                killedNode.run();
                System.out.printf("Redis failover (%s): the killed node back as a replica in sync %d ms after"
                        + " the failover (%d ms to restart it)%n", topology(),
                        Duration.ofNanos(System.nanoTime() - failedOver).toMillis(),
                        Duration.ofNanos(System.nanoTime() - down).toMillis());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> a().invalidate(refused)
                        .expectStatus().isOk().expectBody().json("{\"result\":\"OK\"}", true));
                acknowledged.put(refused, System.nanoTime());
            });

            for (Replica replica : List.of(a(), b())) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> replica.readiness().expectStatus().isOk()
                        .expectBody().jsonPath("$.components.store.status").isEqualTo("UP"));
            }
            long ready = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.succeededSince(ISSUANCE, ready)
                    && load.succeededSince(REVOCATION, ready));
            load.close();

            System.out.printf("Redis failover (%s): longest outage seen by a client: issuance %d ms, revocation %d ms"
                            + " (%d issuance and %d revocation requests, %d and %d refused)%n", topology(),
                    load.longestOutage(ISSUANCE).toMillis(), load.longestOutage(REVOCATION).toMillis(),
                    load.answers(ISSUANCE).size(), load.answers(REVOCATION).size(),
                    load.answers(ISSUANCE).stream().filter(answer -> !answer.succeeded()).count(),
                    load.answers(REVOCATION).stream().filter(answer -> !answer.succeeded()).count());

            assertThat(load.answers(CACHED)).as("a cached token is answered from the cache throughout")
                    .isNotEmpty().allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
            assertThat(load.answers(ISSUANCE)).allSatisfy(answer -> {
                if (!answer.succeeded()) {
                    assertThat(answer.status()).isEqualTo(503);
                    JSONAssert.assertEquals(UNAVAILABLE_GENUIN, answer.body(), true);
                }
            });
            assertThat(load.answers(REVOCATION)).allSatisfy(answer -> {
                if (answer.succeeded()) {
                    JSONAssert.assertEquals("{\"result\":\"OK\"}", answer.body(), true);
                } else {
                    assertThat(answer.status()).isEqualTo(503);
                    JSONAssert.assertEquals(UNAVAILABLE_OAUTH, answer.body(), true);
                }
            });
        }

        List<String> accepted = new ArrayList<>();
        for (Replica replica : List.of(a(), b())) {
            bearer(replica, cached).expectStatus().isOk();
            bearer(replica, revokedBefore).expectStatus().isUnauthorized();
            acknowledged.forEach((token, answered) -> {
                EntityExchangeResult<String> validation = validate(replica, token).expectBody(String.class).returnResult();
                if (validation.getStatus() != HttpStatus.BAD_REQUEST) {
                    accepted.add("revocation acknowledged " + Duration.ofNanos(answered - killed.get()).toMillis()
                            + " ms after the kill, accepted by " + (replica == a() ? "A" : "B"));
                } else {
                    assertThat(validation.getResponseBody())
                            .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"invalid token\"}");
                }
            });
        }
        assertThat(accepted).as("acknowledged revocations accepted after the failover").isEmpty();
        assertThat(acknowledged).as("revocations acknowledged under load").hasSizeGreaterThan(1);
        // Recovered means settled: the sets are not re-read again and again (as they were while
        // Lettuce retried a dead node's connection and each attempt called for a reload).
        List<String> reread = LogCapture.linesContainingAny(List.of(REREAD));
        pause(Replica.CHECK_INTERVAL.multipliedBy(10));
        assertThat(LogCapture.linesContainingAny(List.of(REREAD))).as("re-reads in ten check intervals after recovery")
                .hasSameSizeAs(reread);
        assertRevocationPropagatesOnceAcknowledged();
        String code = code();
        tokenRequest(b().client(), code).expectStatus().isOk();
        tokenRequest(a().client(), code).expectStatus().isBadRequest();
    }

    /**
     * Revokes {@code probes} at A one after another until one is refused with the documented 503
     * (its bucket is on the shard whose promoted primary has no replica yet); those acknowledged
     * before it join {@code acknowledged}. Returns the refused one.
     */
    private String refusedOnTheShardWithoutAReplica(List<String> probes, Map<String, Long> acknowledged) {
        for (String probe : probes) {
            EntityExchangeResult<String> result = a().invalidate(probe).expectBody(String.class).returnResult();
            if (result.getStatus() == HttpStatus.OK) {
                assertThat(JSON.readTree(result.getResponseBody())).isEqualTo(JSON.readTree("{\"result\":\"OK\"}"));
                synchronized (acknowledged) {
                    acknowledged.put(probe, System.nanoTime());
                }
            } else {
                assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(JSON.readTree(result.getResponseBody())).isEqualTo(JSON.readTree(UNAVAILABLE_OAUTH));
                return probe;
            }
        }
        throw new AssertionError("no revocation of " + PROBES + " was refused while a shard had no replica");
    }

    /** A channel token revoked at A is refused at B within two seconds (it was cached there before). */
    private void assertRevocationPropagates() {
        String token = cachedAtB();
        a().invalidate(token).expectStatus().isOk().expectBody().json("{\"result\":\"OK\"}", true);
        assertRefusedAtB(token);
    }

    /** As {@link #assertRevocationPropagates}, after a failover: the revocation is tried until acknowledged. */
    private void assertRevocationPropagatesOnceAcknowledged() {
        String token = cachedAtB();
        revokeAtA(token);
        assertRefusedAtB(token);
    }

    private String cachedAtB() {
        String token = Issuance.channelToken(a().client());
        bearer(b(), token).expectStatus().isOk();
        return token;
    }

    private void assertRefusedAtB(String token) {
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> bearer(b(), token)
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}",
                        true));
    }

    /**
     * Revokes {@code token} at A as a caller does: a 503 (the documented body, never another
     * answer) is no acknowledgement, so it is tried again, for at most twenty seconds. The
     * topology was found settled before, but Sentinels on a loaded machine can still judge a
     * primary down and fail over again (seen in CI), and until they demote the node they left, a
     * replica connected to it has its revocations refused ({@code WAIT} finds no replica): the
     * right answer, and what this test must tolerate. A revocation never acknowledged again fails
     * the test; each retry is printed.
     */
    private void revokeAtA(String token) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            EntityExchangeResult<String> result = a().invalidate(token).expectBody(String.class).returnResult();
            if (result.getStatus() == HttpStatus.OK) {
                JSONAssert.assertEquals("{\"result\":\"OK\"}", result.getResponseBody(), true);
                return true;
            }
            assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            JSONAssert.assertEquals(UNAVAILABLE_OAUTH, result.getResponseBody(), true);
            System.out.printf("Redis %s: a revocation answered 503 %d ms after the first try; tried again%n",
                    topology(), Duration.ofNanos(System.nanoTime() - start).toMillis());
            return false;
        });
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String code() {
        URI redirect = new OAuthBrowserless(a().client(), a().port())
                .allow("client_id=test-web&redirect_uri=" + REDIRECT + "&state=s");
        String code = UriComponentsBuilder.fromUri(redirect).build().getQueryParams().getFirst("code");
        return Secrets.remember(code);
    }

    private static WebTestClient.ResponseSpec bearer(Replica replica, String token) {
        return replica.client().get().uri("/demo/bearer/hello").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private static WebTestClient.ResponseSpec validate(Replica replica, String token) {
        return replica.client().get().uri("/platform/oauth/validate_token?access_token=" + token).exchange();
    }

    private static WebTestClient.ResponseSpec tokenRequest(WebTestClient client, String code) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=authorization_code&code=" + code + "&redirect_uri=" + REDIRECT
                        + "&client_id=" + TestCredentials.WEB_CLIENT + "&client_secret=" + TestCredentials.WEB_SECRET)
                .exchange();
    }
}
