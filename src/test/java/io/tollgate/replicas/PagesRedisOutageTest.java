package io.tollgate.replicas;

import static io.tollgate.support.OAuthBrowserless.parameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestRedis;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import redis.embedded.RedisServer;

/**
 * Issue #13, defect 7: with Redis stopped, the authorization pages answered 500 (Spring Session's
 * store failed). Every page, authorize, login and consent, now answers the 503 page while the store
 * is unreachable, and a person half-way through carries on once it is back.
 */
class PagesRedisOutageTest {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final String QUERY = "client_id=test-web&redirect_uri=" + REDIRECT + "&state=outage";
    private static final String UNAVAILABLE =
            "<p class=\"error\" role=\"alert\">Sign-in is unavailable right now. Try again in a moment.</p>";

    private static RedisServer redis;
    private static int redisPort;
    private static Replica replica;

    @BeforeAll
    static void start() {
        redis = TestRedis.startServer();
        redisPort = redis.ports().get(0);
        replica = Replica.start("redis://127.0.0.1:" + redisPort, TestRedis.uniquePrefix(), Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        replica.close();
        redis.stop();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void everyPageAnswersTheUnavailablePageWhileRedisIsDownAndTheFlowGoesOnAfterwards() throws IOException {
        OAuthBrowserless signingIn = new OAuthBrowserless(replica.client(), replica.port());
        assertThat(signingIn.authorize(QUERY).getStatus()).isEqualTo(HttpStatus.OK);
        OAuthBrowserless consenting = new OAuthBrowserless(replica.client(), replica.port());
        assertThat(consenting.authorize(QUERY).getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(consenting.login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus())
                .isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(consenting.consentPage().getStatus()).isEqualTo(HttpStatus.OK);

        redis.stop();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> replica.management().get()
                .uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));

        assertUnavailable(new OAuthBrowserless(replica.client(), replica.port()).authorize(QUERY));
        assertUnavailable(new OAuthBrowserless(replica.client(), replica.port()).authorize("client_id=nobody"));
        assertUnavailable(signingIn.login(TestCredentials.USER, TestCredentials.PASSWORD));
        assertUnavailable(consenting.post("/platform/oauth/authorize/consent", new LinkedMultiValueMap<>(Map.of(
                "_csrf", List.of(consenting.csrf()), "decision", List.of("allow")))));

        redis = TestRedis.startServer(redisPort);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> replica.management().get()
                .uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk());

        assertThat(signingIn.login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus())
                .isEqualTo(HttpStatus.SEE_OTHER);
        String code = Secrets.remember(parameters(consenting.decide("allow"), false).get("code"));
        replica.client().post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=authorization_code&client_id=" + TestCredentials.WEB_CLIENT
                        + "&client_secret=" + TestCredentials.WEB_SECRET + "&code=" + code + "&redirect_uri=" + REDIRECT)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.token_type").isEqualTo("bearer")
                .jsonPath("$.access_token").value(token -> Secrets.remember((String) token))
                .jsonPath("$.refresh_token").value(token -> Secrets.remember((String) token));
    }

    private static void assertUnavailable(EntityExchangeResult<String> page) {
        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(page.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(page.getResponseHeaders().getLocation()).isNull();
        assertThat(page.getResponseBody()).contains("<title>Cannot continue</title>").contains(UNAVAILABLE);
    }
}
