package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Demo;
import io.tollgate.support.FromAddress;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestRedis;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Two replicas of one deployment, A and B, in this JVM against one Redis: whatever one does, the
 * other sees. Codes, revocations, rate-limit budgets and lockout counters are shared; a page
 * session, a cookie signed with a key both derive from the signing key, works at either.
 */
class ReplicasTest {

    /**
     * Wrong secrets from one address that lock it. An attempt counts while its check is in flight,
     * so this must exceed the most requests any test sends from one address at once (8 racers).
     */
    private static final int ADDRESS_MAX = 10;

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);

    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void startTwoReplicas() {
        String prefix = TestRedis.uniquePrefix();
        Map<String, String> small = Map.of(
                "tollgate.rate-limit.brand.replenish-rate", "1",
                "tollgate.rate-limit.brand.burst-capacity", "20",
                "tollgate.rate-limit.client-address.burst-capacity", "100000",
                "tollgate.issuer.lockout.address-max-failures", String.valueOf(ADDRESS_MAX),
                "tollgate.issuer.lockout.duration", "2s");
        a = Replica.start(TestRedis.url(), prefix, small);
        b = Replica.start(TestRedis.url(), prefix, small);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aCodeIssuedByAIsRedeemedAtBAndThePagesSessionMovesBetweenThem() {
        OAuthBrowserless atA = new OAuthBrowserless(a.client(), a.port());
        assertThat(atA.authorize("client_id=test-web&redirect_uri=" + REDIRECT + "&state=s1").getStatus())
                .isEqualTo(HttpStatus.OK);
        OAuthBrowserless atB = atA.at(b.client(), b.port());
        assertThat(atB.login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus()).isEqualTo(HttpStatus.SEE_OTHER);
        OAuthBrowserless backAtA = atB.at(a.client(), a.port());
        assertThat(backAtA.consentPage().getStatus()).isEqualTo(HttpStatus.OK);
        String code = query(backAtA.decide("allow")).get("code");

        tokenRequest(b.client(), code).expectStatus().isOk()
                .expectBody().jsonPath("$.access_token").isNotEmpty();
        tokenRequest(a.client(), code).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void ofConcurrentRedemptionsOfOneCodeAtBothReplicasAtMostOneSucceeds() throws Exception {
        URI redirect = new OAuthBrowserless(a.client(), a.port())
                .allow("client_id=test-web&redirect_uri=" + REDIRECT + "&state=s2");
        String code = query(redirect).get("code");
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<HttpStatus>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                WebTestClient client = (i % 2 == 0 ? a : b).client();
                Callable<HttpStatus> redeem = () -> {
                    start.await();
                    return HttpStatus.valueOf(tokenRequest(client, code).returnResult(String.class).getStatus().value());
                };
                results.add(pool.submit(redeem));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS));
            }
            // The winner itself is refused when a replay revoked its family before it added its token.
            assertThat(statuses).filteredOn(status -> status == HttpStatus.OK).hasSizeLessThanOrEqualTo(1);
            assertThat(statuses).filteredOn(status -> status != HttpStatus.OK)
                    .containsOnly(HttpStatus.BAD_REQUEST)
                    .hasSizeGreaterThanOrEqualTo(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A channel token, so that the brand's small rate-limit budget, which another test runs dry, plays no part. */
    @Test
    void aTokenRevokedAtAIsRefusedAtB() {
        String token = Issuance.channelToken(a.client());
        b.client().get().uri("/demo/bearer/hello").headers(headers -> headers.setBearerAuth(token))
                .exchange().expectStatus().isOk();
        a.client().post().uri("/platform/oauth/invalidate_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"result\":\"OK\"}");
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                b.client().get().uri("/demo/bearer/hello").headers(headers -> headers.setBearerAuth(token))
                        .exchange()
                        .expectStatus().isUnauthorized()
                        .expectBody().json("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}"));
    }

    /**
     * The bucket holds 20 and refills by one a second. After ten requests at A, B's bucket is the
     * same one: it reports at most 10 left, plus what refilled meanwhile, where a bucket of its own
     * would report 19. B then runs it dry and is refused. The refusal checked is the first one: a
     * request sent after it could find a token refilled meanwhile.
     */
    @Test
    void aBrandsRateLimitBudgetIsSharedByTheReplicas() {
        String token = Issuance.brandToken(a.client());
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            a.guarded(token).expectStatus().isOk();
        }
        long remainingAtB = Long.parseLong(b.guarded(token).expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-API-Rate-Remaining"));
        long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
        assertThat(remainingAtB).isLessThanOrEqualTo(9 + refilled).isLessThan(19);

        EntityExchangeResult<String> refused = b.guarded(token).expectBody(String.class).returnResult();
        for (int i = 0; i < 60 && refused.getStatus() == HttpStatus.OK; i++) {
            refused = b.guarded(token).expectBody(String.class).returnResult();
        }
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.get(HttpHeaders.RETRY_AFTER)).containsExactly("1");
        assertThat(headers.get("X-API-Rate-Limit")).containsExactly("20");
        assertThat(headers.get("X-API-Rate-Remaining")).containsExactly("0");
        assertThat(headers.get("X-API-Rate-Window")).containsExactly("20");
        assertThat(refused.getResponseBody())
                .isEqualTo("{\"code\":\"4290\",\"message\":\"Too many requests.\",\"data\":{}}");
    }

    // The lockout tests send their wrong secrets from an address of their own (127.0.0.0/8), so
    // the address they lock is theirs alone, and check that the account itself stays usable.

    @Test
    void failuresAtEitherReplicaCountTowardsOneAddressLockout() {
        String wrong = Secrets.remember("wrong-password-for-the-lockout-test");
        String address = "127.0.0.41";
        for (Replica replica : alternating()) {
            Issuance.channelRequest(from(address, replica), Demo.CHANNEL_USER, wrong).expectStatus().isUnauthorized();
        }
        Issuance.channelRequest(from(address, b), Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD)
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("invalid username or password");
        Issuance.channelToken(from("127.0.0.42", a));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                Issuance.channelRequest(from(address, a), Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD).expectStatus().isOk());
    }

    @Test
    void anAddressLockedAtOneReplicaIsLockedAtTheOtherAndTheBrandIsNot() {
        String wrong = Secrets.remember("wrong-secret-for-the-lockout-test");
        String address = "127.0.0.43";
        for (Replica replica : alternating()) {
            Issuance.brandRequest(from(address, replica), Demo.BRAND_KEY, wrong).expectStatus().isNotFound();
        }
        Issuance.brandRequest(from(address, b), Demo.BRAND_KEY, Demo.BRAND_SECRET)
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().json("{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}", true);
        Issuance.brandToken(from("127.0.0.44", b));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                Issuance.brandRequest(from(address, a), Demo.BRAND_KEY, Demo.BRAND_SECRET).expectStatus().isOk());
    }

    @Test
    void anAddressLockedAtOneReplicaGetsInvalidClientAtTheOtherAndTheClientIsNotLocked() {
        String wrong = Secrets.remember("wrong-client-secret-for-the-lockout-test");
        String address = "127.0.0.45";
        for (Replica replica : alternating()) {
            clientCredentials(from(address, replica), wrong).expectStatus().isUnauthorized();
        }
        clientCredentials(from(address, b), TestCredentials.WEB_SECRET)
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
                        true);
        clientCredentials(from("127.0.0.46", b), TestCredentials.WEB_SECRET).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                clientCredentials(from(address, a), TestCredentials.WEB_SECRET).expectStatus().isOk());
    }

    /** A, B, A, … : {@link #ADDRESS_MAX} requests shared between the replicas. */
    private static List<Replica> alternating() {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < ADDRESS_MAX; i++) {
            replicas.add(i % 2 == 0 ? a : b);
        }
        return replicas;
    }

    private static WebTestClient from(String address, Replica replica) {
        return FromAddress.client(address, replica.port());
    }

    private static WebTestClient.ResponseSpec clientCredentials(WebTestClient client, String secret) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=" + TestCredentials.WEB_CLIENT
                        + "&client_secret=" + secret)
                .exchange();
    }

    private static WebTestClient.ResponseSpec tokenRequest(WebTestClient client, String code) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=authorization_code&code=" + code + "&redirect_uri=" + REDIRECT
                        + "&client_id=" + TestCredentials.WEB_CLIENT + "&client_secret=" + TestCredentials.WEB_SECRET)
                .exchange();
    }

    private static Map<String, String> query(URI location) {
        Map<String, String> parameters = UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap();
        Secrets.remember(parameters.get("code"));
        return parameters;
    }
}
