package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.admin.Operator;
import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Nginx;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision cache of {@code deploy/nginx} (tollgate-decision-cache.conf and
 * tollgate-server-cached.conf, as the shipped nginx.conf's comment turns them on) in a real nginx
 * ({@link Nginx}): Tollgate's admissions are served from it, a revocation and a subject cut-off
 * reach it within its TTL, and its key is the whole credential and the route, never a part of
 * either. Each response carries the check's cache status ({@code $tollgate_decision_cache}, which
 * the guard sets) in a header only this test adds. The cut-off runs last: it refuses every token of
 * the channel user issued before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxDecisionCacheTest {

    /** proxy_cache_valid 200 1s. */
    private static final Duration TTL = Duration.ofSeconds(1);
    /**
     * The bound on a revocation reaching a cached decision: the TTL, plus up to one second since
     * nginx counts a cached answer's age in whole seconds, plus a margin for a loaded machine.
     */
    private static final Duration BOUND = TTL.plusSeconds(1).plusSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String CACHE_STATUS = "X-Test-Decision-Cache";
    private static final String INVALID_4011 = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext tollgate;
    private static Nginx nginx;
    private static WebTestClient client;
    private static WebTestClient direct;

    @BeforeAll
    static void start() throws Exception {
        tollgate = Standalone.startWithTestKeys(Operator.TOKENS_OPTION);
        direct = Standalone.client(tollgate);
        nginx = Nginx.start(Standalone.port(tollgate), TestUpstream.port(), conf -> {
            String cached = replaceOnce(conf, "    # include tollgate-decision-cache.conf;",
                    "    include tollgate-decision-cache.conf;");
            cached = replaceOnce(cached, "include tollgate-server.conf;", "include tollgate-server-cached.conf;");
            return replaceOnce(cached, "include tollgate-guard.conf;",
                    "include tollgate-guard.conf;\n            add_header " + CACHE_STATUS + " $tollgate_decision_cache;");
        });
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
    void anAdmissionIsServedFromTheCacheWithTheSameIdentity() {
        String brand = Issuance.brandToken(direct);
        EntityExchangeResult<String> first = genuin(h -> h.set("gn-access-token", brand));
        assertThat(first.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(first.getResponseHeaders().getFirst(CACHE_STATUS)).isEqualTo("MISS");

        EntityExchangeResult<String> hit = untilCached(h -> h.set("gn-access-token", brand));
        assertThat(identity(hit)).isEqualTo(identity(first)).isEqualTo(Map.of("x-auth-subject", "acme",
                "x-auth-kind", "brand", "x-auth-client", "acme", "x-auth-scopes", "content:read content:write",
                "x-auth-issuer", "tollgate"));
    }

    @Test
    void credentialsDifferingInAFragmentNeverShareAnEntry() {
        String brand = Issuance.brandToken(direct);
        untilCached(h -> h.set("gn-access-token", brand));
        char last = brand.charAt(brand.length() - 1);
        List<String> variants = List.of(
                brand.substring(0, brand.length() - 1) + (last == 'A' ? 'B' : 'A'),
                brand + "A",
                brand.substring(0, brand.length() - 1),
                brand.substring(1));
        for (String variant : variants) {
            assertRefused(h -> h.set("gn-access-token", variant), "/demo/genuin/items", HttpStatus.UNAUTHORIZED,
                    INVALID_4011);
            assertRefused(h -> h.setBearerAuth(variant), "/demo/genuin/items", HttpStatus.UNAUTHORIZED, INVALID_4011);
        }
    }

    @Test
    void theKeyHoldsTheRouteAsWellAsTheCredential() {
        String brand = Issuance.brandToken(direct);
        untilCached(h -> h.setBearerAuth(brand));
        assertRefused(h -> h.setBearerAuth(brand), "/demo/bearer/orders", HttpStatus.FORBIDDEN,
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token's kind is not accepted "
                        + "here\"}");
    }

    @Test
    void theUpstreamReceivesOnlyTheCredentialThatWasJudged() {
        String brand = Issuance.brandToken(direct);
        untilCached(h -> h.set("gn-access-token", brand));
        EntityExchangeResult<String> doubled = genuin(h -> h.addAll("gn-access-token", List.of(brand, "forged")));
        assertThat(doubled.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(echoed(doubled)).containsEntry("gn-access-token", brand);
        assertThat(doubled.getResponseBody()).doesNotContain("forged");
    }

    @Test
    void aRevokedTokenIsRefusedWithinTheTtl() {
        String brand = Issuance.brandToken(direct);
        untilCached(h -> h.set("gn-access-token", brand));
        direct.post().uri("/platform/oauth/invalidate_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("access_token=" + brand)
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"result\":\"OK\"}");
        Duration took = untilRefused(h -> h.set("gn-access-token", brand), "/demo/genuin/items", INVALID_4011);
        assertThat(took).as("a revocation reaches a cached decision within the TTL").isLessThan(BOUND);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aSubjectCutOffIsRefusedWithinTheTtl() {
        String channel = Issuance.channelToken(direct);
        untilCached(h -> h.setBearerAuth(channel), "/demo/bearer/orders");
        Operator.cutOff(Operator.management(Standalone.managementPort(tollgate)),
                "{\"kind\":\"channel\",\"subject\":\"" + Demo.CHANNEL_USER + "\"}");
        Duration took = untilRefused(h -> h.setBearerAuth(channel), "/demo/bearer/orders",
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}");
        assertThat(took).as("a cut-off reaches a cached decision within the TTL").isLessThan(BOUND);
    }

    private static EntityExchangeResult<String> genuin(Consumer<HttpHeaders> credentials) {
        return get(credentials, "/demo/genuin/items", UUID.randomUUID().toString());
    }

    private static EntityExchangeResult<String> get(Consumer<HttpHeaders> credentials, String path, String probe) {
        return client.get().uri(path)
                .headers(credentials)
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    private static EntityExchangeResult<String> untilCached(Consumer<HttpHeaders> credentials) {
        return untilCached(credentials, "/demo/genuin/items");
    }

    /** Sends the admitted request again until nginx answers it from the cache (a bounded number of times). */
    private static EntityExchangeResult<String> untilCached(Consumer<HttpHeaders> credentials, String path) {
        for (int i = 0; i < 20; i++) {
            EntityExchangeResult<String> result = get(credentials, path, UUID.randomUUID().toString());
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            if ("HIT".equals(result.getResponseHeaders().getFirst(CACHE_STATUS))) {
                return result;
            }
        }
        throw new AssertionError("no admission of " + path + " was served from the cache in 20 requests");
    }

    /**
     * Polls until nginx refuses the request with the route's 401 and body; how long that took from
     * now. Until then, every answer is an admission (a cached one, or Tollgate's own before the
     * revocation was seen); the poll gives up after four times the bound.
     */
    private static Duration untilRefused(Consumer<HttpHeaders> credentials, String path, String body) {
        long start = System.nanoTime();
        Duration limit = BOUND.multipliedBy(4);
        while (Duration.ofNanos(System.nanoTime() - start).compareTo(limit) < 0) {
            String probe = UUID.randomUUID().toString();
            EntityExchangeResult<String> result = get(credentials, path, probe);
            if (result.getStatus() != HttpStatus.OK) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
                assertThat(result.getResponseBody()).isEqualTo(body);
                assertThat(TestUpstream.received(probe)).isEmpty();
                return took;
            }
            sleep(POLL);
        }
        throw new AssertionError("still admitted through nginx " + limit.toSeconds() + " s after the revocation");
    }

    private static void assertRefused(Consumer<HttpHeaders> credentials, String path, HttpStatus status, String body) {
        String probe = UUID.randomUUID().toString();
        EntityExchangeResult<String> result = get(credentials, path, probe);
        assertThat(result.getStatus()).isEqualTo(status);
        assertThat(result.getResponseBody()).isEqualTo(body);
        assertThat(TestUpstream.received(probe)).as("the upstream never sees a refused request").isEmpty();
    }

    /** The request headers the upstream echoed (TestUpstream), names lower-cased. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> echoed(EntityExchangeResult<String> result) {
        return (Map<String, String>) JSON.readValue(result.getResponseBody(), Map.class).get("headers");
    }

    private static Map<String, String> identity(EntityExchangeResult<String> result) {
        return NginxForwardAuthTest.identityHeaders(echoed(result));
    }

    private static String replaceOnce(String conf, String target, String replacement) {
        assertThat(conf).as("the shipped nginx.conf holds %s", target).containsOnlyOnce(target);
        return conf.replace(target, replacement);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
