package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Demo;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.RawHttp;
import io.tollgate.support.RawResponse;
import io.tollgate.support.TestUpstream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The path firewall, over raw sockets so the server receives each path exactly as written: every
 * trick is refused with 400 in the dialect of the route the raw path matches (the bearer dialect
 * where none does), and the upstream never receives it; ordinary encoded paths pass unchanged.
 */
class PathFirewallTest extends IntegrationTest {

    static final String BEARER_REFUSED =
            "{\"error\":\"invalid_request\",\"error_description\":\"The request path is not accepted\"}";

    /** Each trick, written after a route's prefix. */
    static final List<String> TRICKS = List.of(
            "../bearer/x", "%2e%2e/bearer/x", "%2E%2e/bearer/x", ".%2E/bearer/x", "./x", "x/..", "x/.", "%2e/x",
            "..%2fbearer/x", "x%2F..%2Fbearer",
            "..%5cbearer/x", "x%5C",
            "x;jsessionid=1", "x%3bjsessionid=1", "x%3B",
            "/x", "x//y",
            "x%00", "x%09y", "x%1f", "x%7f", "x%0d%0aX-Injected:%201", "x%c2%85",
            "%252e%252e/bearer/x",
            "%c0%ae%c0%ae/bearer/x", "x%ff",
            "%ef%bc%8e%ef%bc%8e/bearer/x", "x%ef%bc%8fy", "x%e2%80%a5",
            "caf\u00e9");

    static Stream<Arguments> tricksOnEveryRoute() {
        return TRICKS.stream().flatMap(trick -> Stream.of(
                Arguments.of("/demo/public/" + trick, null, BEARER_REFUSED),
                Arguments.of("/demo/genuin/" + trick, "gn-access-token", GenuinDialectTest.UNEXPECTED),
                Arguments.of("/demo/bearer/" + trick, "Authorization", BEARER_REFUSED),
                Arguments.of("/nowhere/" + trick, null, BEARER_REFUSED)));
    }

    @ParameterizedTest
    @MethodSource("tricksOnEveryRoute")
    void aTrickIsRefusedInTheDialectOfTheRouteItsRawPathMatches(String path, String credential, String body)
            throws IOException {
        String probe = probe();
        String[] headers = credential == null ? new String[] {probeHeader(probe)}
                : credential.equals("Authorization")
                        ? new String[] {probeHeader(probe), "Authorization: Bearer " + channelToken()}
                        : new String[] {probeHeader(probe), "gn-access-token: " + brandToken()};
        RawResponse response = RawHttp.send(port, "GET", path, headers);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.firstHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.firstHeader("WWW-Authenticate")).isNull();
        assertThat(response.text()).as(path).isEqualTo(body);
        assertUpstreamNeverSaw(probe);
    }

    @Test
    void theBrandEndpointRefusesInItsDialect() throws IOException {
        RawResponse response = RawHttp.post(port, "/api/thirdparty/auth;x=y", "application/json",
                "{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + Demo.BRAND_SECRET + "\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.firstHeader("gn-access-token")).isNull();
        assertThat(response.text()).isEqualTo(GenuinDialectTest.UNEXPECTED);
    }

    @Test
    void theChannelEndpointRefusesInItsDialect() throws IOException {
        RawResponse response = RawHttp.post(port, "/generateToken;x=y", "application/x-www-form-urlencoded",
                "username=" + Demo.CHANNEL_USER + "&password=" + Demo.CHANNEL_PASSWORD);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(response.text()).isEqualTo("invalid request");
    }

    @Test
    void theOAuthEndpointsRefuseInTheBearerDialect() throws IOException {
        RawResponse response = RawHttp.post(port, "/platform/oauth/validate_token;x=y",
                "application/x-www-form-urlencoded", "access_token=" + channelToken());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.text()).isEqualTo(BEARER_REFUSED);
    }

    @Test
    void theManagementPortIsJudgedToo() throws IOException {
        RawResponse response = RawHttp.send(managementPort, "GET", "/actuator/health/%2e%2e/prometheus");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).isEqualTo(BEARER_REFUSED);
    }

    /** Targets that are not a URI at all: the HTTP layer refuses them before any filter, with an empty 400. */
    @ParameterizedTest
    @ValueSource(strings = {"/demo/public/..\\bearer/x", "/demo/public/x%zz", "/demo/public/x%"})
    void aTargetThatIsNoURIIsRefusedBeforeAnyRoute(String path) throws IOException {
        String probe = probe();
        RawResponse response = RawHttp.send(port, "GET", path, probeHeader(probe));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).isEmpty();
        assertUpstreamNeverSaw(probe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/demo/public/caf%C3%A9", "/demo/public/a%20b", "/demo/public/%E4%B8%AD%E6%96%87",
        "/demo/public/v1.2/report.json", "/demo/public/a...b/.hidden/..x", "/demo/public/a+b~c_d-e!$&'()*,=:@",
        "/demo/public/x?next=/a/../b;c%2f%00"})
    void ordinaryPathsPassUnchanged(String target) throws IOException {
        String probe = probe();
        RawResponse response = RawHttp.send(port, "GET", target, probeHeader(probe));
        assertThat(response.status()).as(target).isEqualTo(200);
        assertThat(TestUpstream.received(probe)).contains(target);
    }

    @Test
    void aRefusedPathIsCounted() throws IOException {
        double before = refusedPaths();
        RawHttp.send(port, "GET", "/demo/public/%2e%2e/bearer/x");
        assertThat(refusedPaths()).isEqualTo(before + 1);
    }

    private double refusedPaths() {
        String scrape = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines()
                .filter(line -> line.startsWith("tollgate_validations_total{") && line.contains("reason=\"path\"")
                        && line.contains("scheme=\"none\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String probe() {
        return UUID.randomUUID().toString();
    }

    private static String probeHeader(String probe) {
        return TestUpstream.PROBE_HEADER + ": " + probe;
    }

    private static void assertUpstreamNeverSaw(String probe) {
        assertThat(TestUpstream.received(probe)).isEmpty();
    }
}
