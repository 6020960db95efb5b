package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits on the embedded default's in-memory limiter, with buckets small enough to run dry:
 * each dialect's answer over the limit, exactly. The Redis limiter shared by replicas is tested in
 * {@code ReplicasTest}.
 */
class RateLimitTest {

    private static final int BURST = 3;

    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.rate-limit.client-address.replenish-rate=1",
                "--tollgate.rate-limit.client-address.burst-capacity=" + BURST,
                "--tollgate.rate-limit.channel.replenish-rate=1",
                "--tollgate.rate-limit.channel.burst-capacity=" + BURST,
                "--tollgate.rate-limit.brand.replenish-rate=1",
                "--tollgate.rate-limit.brand.burst-capacity=" + BURST);
        client = Standalone.client(tollgate);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void theBrandEndpointAnswers5166OverItsAddressLimit() throws Exception {
        EntityExchangeResult<String> refused = firstRefusal(HttpStatus.PRECONDITION_FAILED, HttpStatus.NOT_FOUND,
                () -> Issuance.brandRequest(client, "ak_unknown_" + UUID.randomUUID(), "wrong"));
        assertRateHeaders(refused);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JSONAssert.assertEquals("{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}",
                refused.getResponseBody(), true);
        assertThat(rejections("client-address")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theChannelEndpointAnswersPlainTextOverItsAddressLimit() {
        EntityExchangeResult<String> refused = firstRefusal(HttpStatus.TOO_MANY_REQUESTS, HttpStatus.UNAUTHORIZED,
                () -> Issuance.channelRequest(client, "nobody", "wrong"));
        assertRateHeaders(refused);
        assertThat(refused.getResponseHeaders().getContentType()).hasToString("text/plain;charset=UTF-8");
        assertThat(refused.getResponseBody()).isEqualTo("too many requests");
    }

    @Test
    void theTokenEndpointAnswersInOAuthJsonOverItsAddressLimit() throws Exception {
        EntityExchangeResult<String> refused = firstRefusal(HttpStatus.TOO_MANY_REQUESTS, HttpStatus.UNAUTHORIZED,
                () -> client.post().uri("/platform/oauth/request_token")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .bodyValue("grant_type=client_credentials&client_id=unknown-client&client_secret=wrong")
                        .exchange());
        assertRateHeaders(refused);
        assertThat(refused.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
        JSONAssert.assertEquals("{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded\"}",
                refused.getResponseBody(), true);
    }

    @Test
    void aBearerRouteCountsTheCallerItsTokenNames() throws Exception {
        String token = await().atMost(Duration.ofSeconds(10)).until(() -> Issuance.channelRequest(client,
                        Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD).expectBody(String.class).returnResult()
                        .getResponseBody(), body -> body != null && body.chars().filter(c -> c == '.').count() == 2);
        Secrets.remember(token);
        EntityExchangeResult<String> refused = firstRefusal(HttpStatus.TOO_MANY_REQUESTS, HttpStatus.OK,
                () -> client.get().uri("/demo/bearer/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange());
        assertRateHeaders(refused);
        assertThat(refused.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
        JSONAssert.assertEquals("{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded\"}",
                refused.getResponseBody(), true);
        assertThat(rejections("channel")).isGreaterThanOrEqualTo(1);
        client.get().uri("/demo/public/hello").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("X-API-Rate-Limit");
    }

    /**
     * Sends the request until it is refused over the limit; every answer before that is the
     * endpoint's own ({@code allowed}) and carries the budget left.
     */
    private static EntityExchangeResult<String> firstRefusal(
            HttpStatus refusal, HttpStatus allowed, Supplier<WebTestClient.ResponseSpec> request) {
        for (int i = 0; i < BURST * 10; i++) {
            EntityExchangeResult<String> result = request.get().expectBody(String.class).returnResult();
            if (result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER) != null) {
                assertThat(result.getStatus()).isEqualTo(refusal);
                return result;
            }
            assertThat(result.getStatus()).isEqualTo(allowed);
            assertThat(result.getResponseHeaders().getFirst("X-API-Rate-Remaining")).isNotNull();
        }
        throw new AssertionError("never refused within " + BURST * 10 + " requests");
    }

    private static void assertRateHeaders(EntityExchangeResult<String> refused) {
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst("X-API-Rate-Limit")).isEqualTo(String.valueOf(BURST));
        assertThat(headers.getFirst("X-API-Rate-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-API-Rate-Window")).isEqualTo(String.valueOf(BURST));
    }

    private static double rejections(String limit) {
        return tollgate.getBean(MeterRegistry.class).get("tollgate.rate.limit.rejections").tag("limit", limit)
                .counter().count();
    }
}
