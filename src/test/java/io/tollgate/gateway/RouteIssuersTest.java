package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import io.tollgate.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Route policy {@code issuers:} over real HTTP: a route trusts Tollgate's own tokens unless it
 * names its issuers, and a token of an issuer the route does not name is refused as an invalid
 * token, in the route's dialect, before any upstream sees it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RouteIssuersTest {

    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    private static WebTestClient management;

    @BeforeAll
    static void start() {
        List<String> args = new ArrayList<>(List.of("--tollgate.validation.issuers[0].id=partner"));
        args.addAll(route(0, "tollgate-default", "/default/**", Map.of("dialect", "genuin")));
        args.addAll(route(1, "partner-genuin", "/partner/genuin/**",
                Map.of("dialect", "genuin", "issuers[0]", "partner")));
        args.addAll(route(2, "partner-bearer", "/partner/bearer/**",
                Map.of("dialect", "bearer", "issuers[0]", "partner")));
        args.addAll(route(3, "both", "/both/**",
                Map.of("dialect", "bearer", "issuers[0]", "tollgate", "issuers[1]", "partner")));
        gateway = Standalone.startWithTestKeys(args.toArray(String[]::new));
        client = Standalone.client(gateway);
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway)).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aRouteThatNamesNoIssuersTrustsTollgatesTokens() {
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/default/items")
                .header("gn-access-token", Tokens.sign(Tokens.brandClaims().build())));
        assertThat(headers).containsEntry("x-auth-issuer", "tollgate").containsEntry("x-auth-subject", "acme");
    }

    @Test
    void aRouteThatNamesTollgateAmongItsIssuersAdmitsTollgatesTokens() {
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/both/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.sign(Tokens.brandClaims().build()))
                .header("X-Auth-Issuer", "partner"));
        assertThat(headers).containsEntry("x-auth-issuer", "tollgate").containsEntry("x-auth-kind", "brand");
    }

    @Test
    void aTollgateTokenOnARouteThatTrustsOnlyAnotherIssuerIsInvalidInTheGenuinDialect() {
        String probe = UUID.randomUUID().toString();
        double before = untrusted("gn-access-token");
        client.get().uri("/partner/genuin/items")
                .header("gn-access-token", Tokens.sign(Tokens.brandClaims().build()))
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(String.class).isEqualTo("{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}");
        assertThat(TestUpstream.received(probe)).isEmpty();
        assertThat(untrusted("gn-access-token")).isEqualTo(before + 1);
    }

    @Test
    void aTollgateTokenOnARouteThatTrustsOnlyAnotherIssuerIsInvalidInTheBearerDialect() {
        String probe = UUID.randomUUID().toString();
        client.get().uri("/partner/bearer/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.sign(Tokens.brandClaims().build()))
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
                        + "error=\"invalid_token\", error_description=\"The access token is invalid\"")
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}");
        assertThat(TestUpstream.received(probe)).isEmpty();
    }

    @Test
    void aRouteNamingAnIssuerThatIsNotConfiguredStopsTheStart(CapturedOutput output) {
        String line = "route misspelt: unknown issuer 'partnr': use tollgate, partner (tollgate, or the id of an "
                + "entry of tollgate.validation.issuers)";
        List<String> args = new ArrayList<>(List.of("--tollgate.validation.issuers[0].id=partner"));
        args.addAll(route(0, "misspelt", "/misspelt/**", Map.of("issuers[0]", "tollgate", "issuers[1]", "partnr")));
        assertThatThrownBy(() -> Standalone.startWithTestKeys(args.toArray(String[]::new)).close())
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessage(line));
        assertThat(output.getAll())
                .contains(String.format("APPLICATION FAILED TO START%n***************************%n%nDescription:%n%n"
                        + "%s%n%nAction:%n%n", line))
                .doesNotContain("Application run failed");
    }

    /** {@code tollgate_validations_total{issuer="tollgate",reason="issuer"}} for one scheme. */
    private static double untrusted(String scheme) {
        String scrape = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines()
                .filter(line -> line.startsWith("tollgate_validations_total{") && line.contains("issuer=\"tollgate\"")
                        && line.contains("reason=\"issuer\"") && line.contains("scheme=\"" + scheme + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static List<String> route(int index, String id, String path, Map<String, String> policy) {
        String prefix = "--spring.cloud.gateway.server.webflux.routes[" + index + "].";
        List<String> args = new ArrayList<>(List.of(
                prefix + "id=" + id,
                prefix + "uri=http://127.0.0.1:" + TestUpstream.port(),
                prefix + "predicates[0]=Path=" + path));
        policy.forEach((key, value) -> args.add(prefix + "metadata.tollgate." + key + "=" + value));
        return args;
    }
}
