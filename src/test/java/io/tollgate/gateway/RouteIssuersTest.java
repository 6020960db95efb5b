package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.support.FakeIdentityProvider;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import io.tollgate.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * Route policy {@code issuers:} over real HTTP, with Tollgate's tokens and those of a fake
 * identity provider ({@link FakeIdentityProvider}) trusted as {@code partner}: a route trusts
 * Tollgate's own tokens unless it names its issuers; a token of an issuer the route does not name
 * is refused as an invalid token, in the route's dialect, before any upstream sees it; kinds,
 * scopes and audience apply to external tokens as to Tollgate's; the upstream learns the issuer
 * from {@code X-Auth-Issuer}, and every decision is counted under the token's issuer.
 */
@ExtendWith(OutputCaptureExtension.class)
class RouteIssuersTest {

    /** The oauth-app tier's burst, small enough to run dry in {@link #callersAreCountedWithinTheirIssuer}. */
    private static final int APP_BURST = 3;

    private static FakeIdentityProvider partner;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    private static WebTestClient management;

    @BeforeAll
    static void start() {
        partner = new FakeIdentityProvider("partner", "partner-1");
        List<String> args = new ArrayList<>(partner());
        args.add("--tollgate.rate-limit.oauth-app.replenish-rate=1");
        args.add("--tollgate.rate-limit.oauth-app.burst-capacity=" + APP_BURST);
        args.addAll(route(0, "tollgate-default", "/default/**", Map.of("dialect", "genuin")));
        args.addAll(route(1, "partner-genuin", "/partner/genuin/**",
                Map.of("dialect", "genuin", "issuers[0]", "partner")));
        args.addAll(route(2, "partner-bearer", "/partner/bearer/**",
                Map.of("dialect", "bearer", "issuers[0]", "partner")));
        args.addAll(route(3, "both", "/both/**",
                Map.of("dialect", "bearer", "issuers[0]", "tollgate", "issuers[1]", "partner")));
        args.addAll(route(4, "partner-apps", "/partner/apps/**",
                Map.of("dialect", "bearer", "issuers[0]", "partner", "kinds[0]", "oauth-app")));
        args.addAll(route(5, "partner-write", "/partner/write/**",
                Map.of("dialect", "genuin", "issuers[0]", "partner", "scopes[0]", "content:write")));
        args.addAll(route(6, "partner-billing", "/partner/billing/**",
                Map.of("dialect", "bearer", "issuers[0]", "partner", "audience", "billing")));
        gateway = Standalone.startWithTestKeys(args.toArray(String[]::new));
        client = Standalone.client(gateway);
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway)).build();
    }

    /**
     * The fake identity provider as {@code partner}, configured as README's Keycloak example is:
     * tokens with {@code client_id} are apps, the others users.
     */
    private static List<String> partner() {
        String entry = "--tollgate.validation.issuers[0].";
        return List.of(
                entry + "id=partner",
                entry + "issuer=" + partner.issuer(),
                entry + "discovery=true",
                entry + "audiences[0]=content-api",
                entry + "algorithms[0]=RS256",
                entry + "kind-rule.claim=client_id",
                entry + "kind-rule.present=oauth-app",
                entry + "kind-rule.absent=oauth-user");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        partner.close();
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
        double before = counted("tollgate", "issuer", "gn-access-token");
        client.get().uri("/partner/genuin/items")
                .header("gn-access-token", Tokens.sign(Tokens.brandClaims().build()))
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(String.class).isEqualTo("{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}");
        assertThat(TestUpstream.received(probe)).isEmpty();
        assertThat(counted("tollgate", "issuer", "gn-access-token")).isEqualTo(before + 1);
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
    void anExternalTokenIsAdmittedWhereTheRouteTrustsItsIssuerAndTheUpstreamLearnsWhichIssuer() {
        double before = counted("partner", "ok", "bearer");
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/partner/genuin/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.sign(partner.userClaims().build()))
                .header("X-Auth-Issuer", "tollgate")
                .header("x_auth_issuer", "tollgate"));
        assertThat(identity(headers)).isEqualTo(Map.of(
                "x-auth-issuer", "partner",
                "x-auth-subject", "alice",
                "x-auth-kind", "oauth-user",
                "x-auth-client", "web",
                "x-auth-scopes", "content:read openid"));
        assertThat(counted("partner", "ok", "bearer")).isEqualTo(before + 1);
        assertThat(identity(TestUpstream.echoedHeaders(client.get().uri("/both/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.sign(partner.userClaims().build())))))
                .containsEntry("x-auth-issuer", "partner");
    }

    @Test
    void anExternalTokenOnARouteThatTrustsOnlyTollgateIsInvalid() {
        String probe = UUID.randomUUID().toString();
        double before = counted("partner", "issuer", "gn-access-token");
        client.get().uri("/default/items")
                .header("gn-access-token", partner.sign(partner.userClaims().build()))
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}");
        assertThat(TestUpstream.received(probe)).isEmpty();
        assertThat(counted("partner", "issuer", "gn-access-token")).isEqualTo(before + 1);
    }

    @Test
    void kindsScopesAndAudienceApplyToExternalTokens() {
        String user = partner.sign(partner.userClaims().build());
        client.get().uri("/partner/apps/items").header(HttpHeaders.AUTHORIZATION, "Bearer " + user)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
                        + "error=\"insufficient_scope\", error_description=\"The access token's kind is not accepted "
                        + "here\"")
                .expectBody(String.class).isEqualTo("{\"error\":\"insufficient_scope\",\"error_description\":"
                        + "\"The access token's kind is not accepted here\"}");
        String app = partner.sign(partner.userClaims().claim("client_id", "web").build());
        assertThat(identity(TestUpstream.echoedHeaders(client.get().uri("/partner/apps/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + app)))).containsEntry("x-auth-kind", "oauth-app");
        client.get().uri("/partner/write/items").header("gn-access-token", user)
                .exchange()
                .expectStatus().isForbidden()
                .expectBody(String.class).isEqualTo("{\"code\":\"4030\",\"message\":\"Access denied.\",\"data\":{}}");
        assertThat(identity(TestUpstream.echoedHeaders(client.get().uri("/partner/write/items")
                .header("gn-access-token", partner.sign(partner.userClaims().claim("scope", "content:write").build())))))
                .containsEntry("x-auth-scopes", "content:write");
        client.get().uri("/partner/billing/items").header(HttpHeaders.AUTHORIZATION, "Bearer " + user)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
                        + "error=\"invalid_token\", error_description=\"The access token is not meant for this "
                        + "resource\"")
                .expectBody(String.class).isEqualTo("{\"error\":\"invalid_token\",\"error_description\":"
                        + "\"The access token is not meant for this resource\"}");
    }

    /**
     * A client of an external issuer and Tollgate's client of the same name are two callers: one
     * running dry leaves the other's budget alone.
     */
    @Test
    void callersAreCountedWithinTheirIssuer() {
        String name = "app-" + UUID.randomUUID();
        String external = partner.sign(partner.userClaims().claim("azp", name).claim("client_id", name).build());
        int admitted = 0;
        while (client.get().uri("/both/items").header(HttpHeaders.AUTHORIZATION, "Bearer " + external)
                .exchange().returnResult(String.class).getStatus().value() == 200) {
            admitted++;
            assertThat(admitted).as("requests admitted before the partner client's budget ran dry")
                    .isLessThanOrEqualTo(APP_BURST * 4);
        }
        String tollgate = Tokens.sign(Tokens.brandClaims().subject(name).claim("kind", "oauth-app")
                .claim("client_id", name).build());
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/both/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tollgate));
        assertThat(identity(headers)).containsEntry("x-auth-issuer", "tollgate").containsEntry("x-auth-client", name);
    }

    @Test
    void anExpiredExternalTokenIsCountedUnderItsIssuer() {
        double before = counted("partner", "expired", "gn-access-token");
        Instant past = Instant.now().minus(Duration.ofHours(2));
        client.get().uri("/partner/genuin/items")
                .header("gn-access-token", partner.sign(partner.userClaims()
                        .issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofHours(1))))
                        .build()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("{\"code\":\"4012\",\"message\":\"Access token expired.\",\"data\":{}}");
        assertThat(counted("partner", "expired", "gn-access-token")).isEqualTo(before + 1);
    }

    @Test
    void aRouteNamingAnIssuerThatIsNotConfiguredStopsTheStart(CapturedOutput output) {
        String line = "route misspelt: unknown issuer 'partnr': use tollgate, partner (tollgate, or the id of an "
                + "entry of tollgate.validation.issuers)";
        List<String> args = new ArrayList<>(partner());
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

    /** {@code tollgate_validations_total} of one issuer, reason and scheme. */
    private static double counted(String issuer, String reason, String scheme) {
        String scrape = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines()
                .filter(line -> line.startsWith("tollgate_validations_total{")
                        && line.contains("issuer=\"" + issuer + "\"") && line.contains("reason=\"" + reason + "\"")
                        && line.contains("scheme=\"" + scheme + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The headers an upstream framework would read as {@code X-Auth-*}, by that name. */
    private static Map<String, String> identity(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> IdentityRelay.isIdentityHeader(header.getKey()))
                .collect(Collectors.toMap(header -> header.getKey().toLowerCase(Locale.ROOT).replace('_', '-'),
                        Map.Entry::getValue, (a, b) -> a + "," + b));
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
