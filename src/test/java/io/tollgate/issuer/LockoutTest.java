package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.support.Demo;
import io.tollgate.support.FromAddress;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Lockouts nobody can turn against someone else (DESIGN.md, "Lockouts"). Wrong machine secrets
 * sent under a victim's name lock the sender's address, never the victim's account; a person's
 * password is locked per person at an address, and only after many more failures per person.
 * Each caller is a client bound to an address of its own in 127.0.0.0/8, so the server sees a
 * different peer for each, with no header involved; each test uses fresh addresses. An attacker
 * here guesses from two addresses, more guesses in all than any per-account limit would allow.
 */
class LockoutTest {

    private static final int ADDRESS_MAX = 3;
    private static final int USER_ADDRESS_MAX = 3;
    private static final int USER_MAX = 5;
    private static final String BRAND_NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";
    private static final String INVALID_USE = "{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}";
    private static final String INVALID_CLIENT =
            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";
    private static final String INVALID_GRANT =
            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid resource owner credentials\"}";

    private static ConfigurableApplicationContext tollgate;
    private static int port;

    @BeforeAll
    static void start() {
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.rate-limit.client-address.burst-capacity=100000",
                "--tollgate.issuer.lockout.address-max-failures=" + ADDRESS_MAX,
                "--tollgate.issuer.lockout.user-address-max-failures=" + USER_ADDRESS_MAX,
                "--tollgate.issuer.lockout.user-max-failures=" + USER_MAX);
        port = Standalone.port(tollgate);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void wrongSecretsForABrandLockTheSendersAddressNotTheBrand() {
        WebTestClient attacker = FromAddress.client("127.0.0.11", port);
        String wrong = Secrets.remember("wrong-brand-secret-from-the-attacker");
        for (WebTestClient from : List.of(attacker, FromAddress.client("127.0.0.31", port))) {
            for (int i = 0; i < ADDRESS_MAX; i++) {
                Issuance.brandRequest(from, Demo.BRAND_KEY, wrong)
                        .expectStatus().isNotFound()
                        .expectBody().json(BRAND_NOT_EXISTS, JsonCompareMode.STRICT);
            }
        }
        Issuance.brandRequest(attacker, Demo.BRAND_KEY, Demo.BRAND_SECRET)
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().json(INVALID_USE, JsonCompareMode.STRICT);
        Issuance.brandRequest(attacker, "ak_another_brand", wrong)
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().json(INVALID_USE, JsonCompareMode.STRICT);

        String token = Issuance.brandRequest(FromAddress.client("127.0.0.12", port), Demo.BRAND_KEY, Demo.BRAND_SECRET)
                .expectStatus().isOk()
                .expectBody().json("{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}",
                        JsonCompareMode.STRICT)
                .returnResult().getResponseHeaders().getFirst("gn-access-token");
        assertThat(Secrets.remember(token)).startsWith("ey");
    }

    @Test
    void wrongPasswordsForAChannelUserLockTheSendersAddressNotTheUser() {
        WebTestClient attacker = FromAddress.client("127.0.0.13", port);
        String wrong = Secrets.remember("00000000-0000-0000-0000-000000000000");
        for (WebTestClient from : List.of(attacker, FromAddress.client("127.0.0.33", port))) {
            for (int i = 0; i < ADDRESS_MAX; i++) {
                Issuance.channelRequest(from, Demo.CHANNEL_USER, wrong)
                        .expectStatus().isUnauthorized()
                        .expectBody(String.class).isEqualTo("invalid username or password");
            }
        }
        Issuance.channelRequest(attacker, Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD)
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("invalid username or password");

        String token = Issuance.channelRequest(FromAddress.client("127.0.0.14", port), Demo.CHANNEL_USER,
                        Demo.CHANNEL_PASSWORD)
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(Secrets.remember(token)).startsWith("ey");
    }

    @Test
    void wrongSecretsForAClientLockTheSendersAddressNotTheClient() {
        WebTestClient attacker = FromAddress.client("127.0.0.15", port);
        String wrong = Secrets.remember("wrong-client-secret-from-the-attacker");
        for (WebTestClient from : List.of(attacker, FromAddress.client("127.0.0.35", port))) {
            for (int i = 0; i < ADDRESS_MAX; i++) {
                clientCredentials(from, wrong)
                        .expectStatus().isUnauthorized()
                        .expectBody().json(INVALID_CLIENT, JsonCompareMode.STRICT);
            }
        }
        clientCredentials(attacker, TestCredentials.WEB_SECRET)
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody().json(INVALID_CLIENT, JsonCompareMode.STRICT);
        attacker.post().uri("/platform/oauth/request_token")
                .header(HttpHeaders.AUTHORIZATION, OAuthBrowserless.basic(TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"")
                .expectBody().json(INVALID_CLIENT, JsonCompareMode.STRICT);

        assertThat(accessToken(clientCredentials(FromAddress.client("127.0.0.16", port), TestCredentials.WEB_SECRET)))
                .as("the client, elsewhere").startsWith("ey");
    }

    @Test
    void aPersonIsLockedAtTheGuessersAddressAndOnlyAfterManyMoreFailuresEverywhere() {
        String person = TestCredentials.LOCKOUT_USERS.get(0);
        String wrong = Secrets.remember("wrong-password-of-a-stranger");
        WebTestClient stranger = FromAddress.client("127.0.0.17", port);
        for (int i = 0; i < USER_ADDRESS_MAX; i++) {
            passwordGrant(stranger, person, wrong).expectStatus().isBadRequest().expectBody().json(INVALID_GRANT, JsonCompareMode.STRICT);
        }
        passwordGrant(stranger, person, TestCredentials.LOCKOUT_PASSWORD)
                .expectStatus().isBadRequest().expectBody().json(INVALID_GRANT, JsonCompareMode.STRICT);
        assertThat(accessToken(passwordGrant(FromAddress.client("127.0.0.18", port), person,
                TestCredentials.LOCKOUT_PASSWORD))).as("the person, elsewhere").startsWith("ey");
        assertThat(accessToken(passwordGrant(stranger, TestCredentials.LOCKOUT_USERS.get(1),
                TestCredentials.LOCKOUT_PASSWORD))).as("another person, at the stranger's address").startsWith("ey");

        WebTestClient another = FromAddress.client("127.0.0.19", port);
        for (int i = USER_ADDRESS_MAX; i < USER_MAX; i++) {
            passwordGrant(another, person, wrong).expectStatus().isBadRequest().expectBody().json(INVALID_GRANT, JsonCompareMode.STRICT);
        }
        // Failures from anywhere reached the per-person bound: locked at a new address too.
        passwordGrant(FromAddress.client("127.0.0.20", port), person, TestCredentials.LOCKOUT_PASSWORD)
                .expectStatus().isBadRequest().expectBody().json(INVALID_GRANT, JsonCompareMode.STRICT);
    }

    @Test
    void ofManyParallelWrongSecretsFromOneAddressAtMostTheLimitAreChecked() throws Exception {
        WebTestClient attacker = FromAddress.client("127.0.0.21", port);
        String wrong = Secrets.remember("parallel-wrong-brand-secret");
        int racers = 24;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<HttpStatus> statuses = new ArrayList<>();
        try {
            List<Future<HttpStatus>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return HttpStatus.valueOf(Issuance.brandRequest(attacker, Demo.BRAND_KEY, wrong)
                            .returnResult(String.class).getStatus().value());
                }));
            }
            for (Future<HttpStatus> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).filteredOn(HttpStatus.NOT_FOUND::equals).as("checked").hasSize(ADDRESS_MAX);
        assertThat(statuses).filteredOn(HttpStatus.PRECONDITION_FAILED::equals).as("refused unchecked")
                .hasSize(racers - ADDRESS_MAX);
    }

    @Test
    void theRemovedPerAccountLimitAndAPersonBoundBelowTheAddressBoundFailTheStart() {
        assertThatThrownBy(() -> Standalone.start("--server.port=0", "--tollgate.issuer.lockout.max-failures=5"))
                .hasStackTraceContaining("lockout.maxFailures")
                .hasStackTraceContaining("was removed: accounts are no longer locked; set address-max-failures, "
                        + "user-address-max-failures and user-max-failures instead");
        assertThatThrownBy(() -> Standalone.start("--server.port=0",
                        "--tollgate.issuer.lockout.user-address-max-failures=10",
                        "--tollgate.issuer.lockout.user-max-failures=5"))
                .hasStackTraceContaining("user-max-failures must be at least user-address-max-failures");
    }

    private static WebTestClient.ResponseSpec clientCredentials(WebTestClient client, String secret) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=" + TestCredentials.WEB_CLIENT
                        + "&client_secret=" + secret)
                .exchange();
    }

    private static WebTestClient.ResponseSpec passwordGrant(WebTestClient client, String username, String password) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password&client_id=" + TestCredentials.TRUSTED_CLIENT + "&client_secret="
                        + TestCredentials.TRUSTED_SECRET + "&username=" + username + "&password=" + password)
                .exchange();
    }

    private static String accessToken(WebTestClient.ResponseSpec response) {
        AtomicReference<String> token = new AtomicReference<>();
        response.expectStatus().isOk()
                .expectBody()
                .jsonPath("$.token_type").isEqualTo("bearer")
                .jsonPath("$.access_token").value(String.class, token::set);
        return Secrets.remember(token.get());
    }
}
