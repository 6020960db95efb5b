package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Nginx;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Forward authentication through a real nginx ({@link Nginx}: the shipped configuration of {@code
 * deploy/nginx}, only its ports changed) in front of {@link TestUpstream}, asking a running
 * Tollgate. The route's own answers come out of nginx, rebuilt from the check's headers, and a
 * refused request never reaches the upstream. Fails, never skips, without nginx. The two cases over
 * the rate limit drain the channel user's bucket, so they run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxForwardAuthTest {

    private static final int CHANNEL_BURST = 3;
    private static final String REALM = "Bearer realm=\"tollgate\"";

    private static ConfigurableApplicationContext tollgate;
    private static Nginx nginx;
    private static WebTestClient client;
    private static WebTestClient direct;

    @BeforeAll
    static void start() throws Exception {
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.rate-limit.channel.replenish-rate=1",
                "--tollgate.rate-limit.channel.burst-capacity=" + CHANNEL_BURST);
        direct = Standalone.client(tollgate);
        nginx = Nginx.start(Standalone.port(tollgate), TestUpstream.port(), UnaryOperator.identity());
        client = nginx.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (tollgate != null) {
            tollgate.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void anAdmittedRequestReachesTheUpstreamWithTollgatesIdentityOnly() {
        String brand = Issuance.brandToken(direct);
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items?page=2")
                .header("gn-access-token", brand)
                .header("X-Auth-Subject", "admin")
                .header("x-auth-kind", "oauth-app")
                .header("X_Auth_Issuer", "keycloak"));
        assertThat(identityHeaders(headers)).isEqualTo(Map.of("x-auth-subject", "acme", "x-auth-kind", "brand",
                "x-auth-client", "acme", "x-auth-scopes", "content:read content:write", "x-auth-issuer", "tollgate"));
        assertThat(headers).containsEntry("gn-access-token", brand).doesNotContainKey("x_auth_issuer");

        String channel = channelToken();
        Map<String, String> channelHeaders = TestUpstream.echoedHeaders(client.get().uri("/demo/bearer/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + channel)
                .header("X-Auth-Client", "spoofed"));
        assertThat(identityHeaders(channelHeaders)).isEqualTo(Map.of("x-auth-subject", "channel_user",
                "x-auth-kind", "channel", "x-auth-scopes", "connectivity", "x-auth-issuer", "tollgate"));
    }

    @Test
    void noTokenIsTheGenuinRoutes4010() {
        assertRefused(h -> {}, "/demo/genuin/items", HttpStatus.UNAUTHORIZED, null,
                "{\"code\":\"4010\",\"message\":\"Access token missing.\",\"data\":{}}");
    }

    @Test
    void anInvalidTokenIsTheGenuinRoutes4011() {
        assertRefused(h -> h.set("gn-access-token", "not.a.token"), "/demo/genuin/items", HttpStatus.UNAUTHORIZED,
                null, "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}");
    }

    @Test
    void theBearerRoutesOwn401sComeWithTheirChallenge() {
        assertRefused(h -> {}, "/demo/bearer/orders", HttpStatus.UNAUTHORIZED, REALM,
                "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}");
        assertRefused(h -> h.setBearerAuth("not.a.token"), "/demo/bearer/orders", HttpStatus.UNAUTHORIZED,
                REALM + ", error=\"invalid_token\", error_description=\"The access token is invalid\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}");
    }

    @Test
    void theWrongKindIs403InEitherDialect() {
        String channel = channelToken();
        assertRefused(h -> h.setBearerAuth(channel), "/demo/genuin/items", HttpStatus.FORBIDDEN, null,
                "{\"code\":\"4030\",\"message\":\"Access denied.\",\"data\":{}}");
        String brand = Issuance.brandToken(direct);
        assertRefused(h -> h.setBearerAuth(brand), "/demo/bearer/orders", HttpStatus.FORBIDDEN,
                REALM + ", error=\"insufficient_scope\", error_description=\"The access token's kind is not "
                        + "accepted here\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token's kind is not accepted "
                        + "here\"}");
    }

    @Test
    void ambiguousCredentialsAreTheRoutes400() {
        String brand = Issuance.brandToken(direct);
        assertRefused(h -> {
                    h.set("gn-access-token", brand);
                    h.setBearerAuth("another");
                }, "/demo/genuin/items", HttpStatus.BAD_REQUEST, null,
                "{\"code\":\"1099\",\"message\":\"An unexpected error occurred processing the request\",\"data\":{}}");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void overTheRateLimitIsTheRoutes429WithRetryAfter() {
        String channel = channelToken();
        for (int i = 0; i < CHANNEL_BURST * 10; i++) {
            String probe = UUID.randomUUID().toString();
            EntityExchangeResult<String> result = client.get().uri("/demo/bearer/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + channel)
                    .header(TestUpstream.PROBE_HEADER, probe)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            HttpHeaders headers = result.getResponseHeaders();
            assertThat(headers.getFirst("X-API-Rate-Limit")).isEqualTo(String.valueOf(CHANNEL_BURST));
            if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
                assertThat(headers.getFirst("X-API-Rate-Remaining")).isEqualTo("0");
                assertThat(headers.getFirst("X-API-Rate-Window")).isEqualTo(String.valueOf(CHANNEL_BURST));
                assertThat(headers.get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
                assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
                assertThat(result.getResponseBody())
                        .isEqualTo("{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded\"}");
                assertThat(TestUpstream.received(probe)).isEmpty();
                return;
            }
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isNull();
            assertThat(TestUpstream.received(probe)).contains("/demo/bearer/orders");
        }
        throw new AssertionError("never refused within " + CHANNEL_BURST * 10 + " requests");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theCheckItselfAnswers403CarryingTheRoutes429() {
        String channel = channelToken();
        for (int i = 0; i < CHANNEL_BURST * 10; i++) {
            EntityExchangeResult<String> result = direct.get().uri(ForwardAuthHandler.PATH)
                    .header("X-Original-Method", "GET")
                    .header("X-Original-URI", "/demo/bearer/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + channel)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            HttpHeaders headers = result.getResponseHeaders();
            if (headers.getFirst(HttpHeaders.RETRY_AFTER) != null) {
                assertThat(result.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(headers.getFirst(ForwardAuthHandler.STATUS_HEADER)).isEqualTo("429");
                assertThat(headers.getFirst(ForwardAuthHandler.CODE_HEADER)).isEqualTo("too_many_requests");
                assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
                assertThat(headers.getFirst("X-API-Rate-Limit")).isEqualTo(String.valueOf(CHANNEL_BURST));
                assertThat(headers.getFirst("X-API-Rate-Remaining")).isEqualTo("0");
                assertThat(headers.get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
                assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
                assertThat(result.getResponseBody())
                        .isEqualTo("{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded\"}");
                return;
            }
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(headers.getFirst("X-API-Rate-Limit")).isEqualTo(String.valueOf(CHANNEL_BURST));
            assertThat(headers.getFirst("X-Auth-Subject")).isEqualTo("channel_user");
        }
        throw new AssertionError("never refused within " + CHANNEL_BURST * 10 + " requests");
    }

    /** Sends a request through nginx; it must be refused with the route's answer, the upstream untouched. */
    private static void assertRefused(
            Consumer<HttpHeaders> credentials, String path, HttpStatus status, String challenge, String body) {
        String probe = UUID.randomUUID().toString();
        EntityExchangeResult<String> result = client.get().uri(path)
                .headers(credentials)
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectBody(String.class)
                .returnResult();
        HttpHeaders headers = result.getResponseHeaders();
        assertThat(result.getStatus()).isEqualTo(status);
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(headers.get(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo(challenge == null ? null : List.of(challenge));
        assertThat(headers.getCacheControl()).isEqualTo("no-store");
        assertThat(result.getResponseBody()).isEqualTo(body);
        assertThat(TestUpstream.received(probe)).as("the upstream never sees a refused request").isEmpty();
    }

    private static String channelToken() {
        String token = Issuance.channelRequest(direct, Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD)
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Secrets.remember(token);
        return token;
    }

    /** The X-Auth-* headers among those the upstream echoed (underscore look-alikes included). */
    static Map<String, String> identityHeaders(Map<String, String> headers) {
        Map<String, String> identity = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name.replace('_', '-').startsWith("x-auth-")) {
                identity.put(name, value);
            }
        });
        return identity;
    }
}
