package io.tollgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.support.ContractCheck;
import io.tollgate.support.ContractViolation;
import io.tollgate.support.ObservedExchange;
import io.tollgate.support.OpenApiContract;
import io.tollgate.support.OpenApiContract.Port;
import io.tollgate.support.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The mechanism that holds the suite to docs/openapi.yaml, fed answers that break the document:
 * each is refused with a problem naming what broke, and the same answers written correctly pass.
 * The last tests put {@link ContractCheck} on a client of a server that answers wrongly on purpose,
 * and see the exchange fail with a message naming the request, the status and the schema error.
 */
class ContractCheckTest {

    private static final String BRAND = "/api/thirdparty/auth";
    private static final String NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";

    private static final OpenApiContract CONTRACT = OpenApiContract.suite();

    /**
     * Answers {@code POST /api/thirdparty/auth} with a 404 whose body has one field too many, and
     * with the documented body when the query says {@code fine}.
     */
    private static final DisposableServer WRONG = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> response.status(404)
                    .header("Content-Type", "application/json")
                    .header("Cache-Control", "no-store")
                    .sendString(Mono.just(request.uri().equals(BRAND)
                            ? "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{},\"hint\":\"acme\"}"
                            : NOT_EXISTS)))
            .bindNow();

    /** Answers {@code /auth/check} as an admitted check does: 200, {@code no-store}, no body. */
    private static final DisposableServer EMPTY = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> response.status(200).header("Cache-Control", "no-store").send())
            .bindNow();

    @AfterAll
    static void stop() {
        EMPTY.disposeNow();
        WRONG.disposeNow();
    }

    @Test
    void theDocumentedAnswersPass() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "POST", BRAND, 404, NOT_EXISTS, "Cache-Control", "no-store")))
                .isEmpty();
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/demo/bearer/hello", 401,
                "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}",
                "Cache-Control", "no-store", "WWW-Authenticate", "Bearer realm=\"tollgate\""))).isEmpty();
        assertThat(CONTRACT.problems(text("POST", "/generateToken", 401, "invalid username or password")))
                .isEmpty();
    }

    @Test
    void anExtraFieldInAFixedBodyIsRefused() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "POST", BRAND, 404,
                "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{},\"hint\":\"acme\"}",
                "Cache-Control", "no-store")))
                .singleElement().asString().startsWith("body: ").contains("hint");
    }

    @Test
    void aWrongCodeIsRefused() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/demo/genuin/hello", 401,
                "{\"code\":\"4013\",\"message\":\"Access token invalid.\",\"data\":{}}", "Cache-Control", "no-store")))
                .isNotEmpty().allSatisfy(problem -> assertThat(problem).startsWith("body: "))
                .anySatisfy(problem -> assertThat(problem).contains("4011"));
    }

    @Test
    void anUndocumentedStatusIsRefusedNamingTheDocumentedOnes() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "POST", BRAND, 401, NOT_EXISTS, "Cache-Control", "no-store")))
                .containsExactly("status 401 is not documented (documented: 200, 400, 404, 412, 503)");
    }

    @Test
    void aMissingRequiredHeaderAndAWrongHeaderValueAreRefused() {
        String missing = "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}";
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/demo/bearer/hello", 401, missing,
                "Cache-Control", "no-store")))
                .containsExactly("header WWW-Authenticate is required and missing");
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/demo/bearer/hello", 401, missing,
                "Cache-Control", "max-age=60", "WWW-Authenticate", "Bearer realm=\"tollgate\"")))
                .singleElement().asString().startsWith("header Cache-Control (max-age=60): ");
    }

    @Test
    void anUndocumentedContentTypeIsRefused() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "POST", "/generateToken", 401,
                "\"invalid username or password\"", "Cache-Control", "no-store")))
                .containsExactly("Content-Type application/json is not documented (documented: text/plain)");
    }

    @Test
    void aPathNoOperationServesIsJudgedByTheUnroutedAnswers() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/nowhere", 404,
                "{\"timestamp\":\"2026-12-02T01:00:00Z\",\"path\":\"/nowhere\",\"status\":404,\"error\":\"Not Found\","
                        + "\"requestId\":\"1\"}"))).isEmpty();
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/nowhere", 500, "{}")))
                .containsExactly("status 500 is not documented (documented: 400, 404)");
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "PUT", BRAND, 200, "{}")))
                .as("a method the route does not take is unrouted")
                .containsExactly("status 200 is not documented (documented: 400, 404)");
    }

    @Test
    void onlyTheUpstreamMayGiveAGuardedRouteItsAdmittedAnswer() {
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/demo/genuin/hello", 200, "{\"anything\":1}",
                TestUpstream.ANSWERED_HEADER, "answered"))).isEmpty();
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/demo/genuin/hello", 200, "{\"anything\":1}")))
                .containsExactly("Tollgate answered 200 itself, which the document gives to the upstream alone");
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "POST", BRAND, 404, NOT_EXISTS, "Cache-Control", "no-store",
                TestUpstream.ANSWERED_HEADER, "answered")))
                .containsExactly("the upstream answered 404, which the document gives to Tollgate itself");
    }

    @Test
    void aTestOnlyRouteIsJudgedByItsDialectsGuardedRoute() {
        assertThat(CONTRACT.operation(Port.TRAFFIC, "GET", "/test/genuin-write/x"))
                .hasValueSatisfying(operation -> assertThat(operation.id()).isEqualTo("genuinGuardedGet"));
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "GET", "/test/bearer-admin/x", 401,
                "{\"code\":\"4010\",\"message\":\"Access token missing.\",\"data\":{}}", "Cache-Control", "no-store",
                "WWW-Authenticate", "Bearer realm=\"tollgate\""))).isNotEmpty();
    }

    @Test
    void theManagementPortJudgesOnlyTollgatesOwnEndpoint() {
        assertThat(CONTRACT.problems(json(Port.MANAGEMENT, "GET", "/actuator/health", 200, "{\"status\":\"UP\"}")))
                .isEmpty();
        assertThat(CONTRACT.problems(json(Port.MANAGEMENT, "POST", "/actuator/revocations", 200,
                "{\"revoked-before\":\"2026-12-02T01:00:00Z\",\"count\":3}", "Cache-Control", "no-store")))
                .singleElement().asString().contains("count");
        assertThat(CONTRACT.problems(json(Port.TRAFFIC, "POST", "/actuator/revocations", 200,
                "{\"revoked-before\":\"2026-12-02T01:00:00Z\"}", "Cache-Control", "no-store")))
                .as("never on the traffic port")
                .isNotEmpty();
    }

    @Test
    void aFailureNeverShowsATokenOrASecret() {
        String token = "eyJraWQiOiJhIn0.eyJzdWIiOiJhY21lIn0.c2lnbmF0dXJlLWJ5dGVz";
        assertThatThrownBy(() -> CONTRACT.check(json(Port.TRAFFIC, "POST", "/platform/oauth/request_token", 200,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"mac\",\"expires_in\":60,\"scope\":\"\","
                        + "\"refresh_token\":\"opaque-refresh-value\"}",
                "Cache-Control", "no-store", "Pragma", "no-cache")))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("/token_type")
                .hasMessageContaining("\"access_token\":\"<redacted>\"")
                .hasMessageNotContaining(token)
                .hasMessageNotContaining("opaque-refresh-value");
    }

    @Test
    void aRouteAnInstanceWasConfiguredWithIsJudgedAsItsDialectsGuardedRoute() {
        OpenApiContract own = CONTRACT.withRoutes(Map.of("/partner/**", "genuin", "/open/**", "none",
                "/api/thirdparty/auth", "bearer"));
        assertThat(own.operation(Port.TRAFFIC, "GET", "/partner/items")).hasValueSatisfying(
                operation -> assertThat(operation.id()).isEqualTo("genuinGuardedGet"));
        assertThat(own.operation(Port.TRAFFIC, "GET", "/open/items")).hasValueSatisfying(
                operation -> assertThat(operation.id()).isEqualTo("publicGet"));
        assertThat(own.operation(Port.TRAFFIC, "POST", BRAND)).as("a documented path is never aliased")
                .hasValueSatisfying(operation -> assertThat(operation.id()).isEqualTo("brandToken"));
        assertThat(CONTRACT.operation(Port.TRAFFIC, "GET", "/partner/items")).isEmpty();
    }

    @Test
    void aClientWithTheCheckFailsOnAnAnswerThatBreaksTheDocument() {
        WebTestClient client = ContractCheck.traffic(WebTestClient.bindToServer())
                .baseUrl("http://127.0.0.1:" + WRONG.port()).responseTimeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> client.post().uri(BRAND).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange())
                .rootCause()
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("POST " + BRAND + " (traffic port) → 404, operation brandToken (POST " + BRAND + ")")
                .hasMessageContaining("body: ")
                .hasMessageContaining("hint");
    }

    @Test
    void aClientWithTheCheckHandsTheBodyOnUnchanged() {
        WebTestClient client = ContractCheck.traffic(WebTestClient.bindToServer())
                .baseUrl("http://127.0.0.1:" + WRONG.port()).responseTimeout(Duration.ofSeconds(10)).build();

        client.post().uri(BRAND + "?fine").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).isEqualTo(NOT_EXISTS);
    }

    @Test
    void aClientWithTheCheckHandsAnEmptyBodyOnAsNoBody() {
        WebTestClient client = ContractCheck.traffic(WebTestClient.bindToServer())
                .baseUrl("http://127.0.0.1:" + EMPTY.port()).responseTimeout(Duration.ofSeconds(10)).build();

        assertThat(client.get().uri("/auth/check").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).isNull();
    }

    private static ObservedExchange json(Port port, String method, String path, int status, String body,
            String... headers) {
        return exchange(port, method, path, status, "application/json", body, headers);
    }

    private static ObservedExchange text(String method, String path, int status, String body) {
        return exchange(Port.TRAFFIC, method, path, status, "text/plain;charset=UTF-8", body, "Cache-Control", "no-store");
    }

    private static ObservedExchange exchange(Port port, String method, String path, int status, String contentType,
            String body, String... headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("content-type", List.of(contentType));
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i].toLowerCase(), List.of(headers[i + 1]));
        }
        return new ObservedExchange(port, method, path, status, all, body.getBytes(StandardCharsets.UTF_8));
    }
}
