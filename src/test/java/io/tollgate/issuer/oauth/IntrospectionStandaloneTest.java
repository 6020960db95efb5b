package io.tollgate.issuer.oauth;

import static io.tollgate.support.Introspection.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.FakeIdentityProvider;
import io.tollgate.support.FromAddress;
import io.tollgate.support.Introspection;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.StoredHash;
import io.tollgate.support.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Introspection where the shared test context cannot go: an instance with an operator token (for
 * cut-offs by subject and by client, {@code POST /actuator/revocations}), a trusted external issuer
 * ({@code alpha}, a {@link FakeIdentityProvider} over real HTTP) and a small address lockout.
 */
class IntrospectionStandaloneTest {

    private static final int ADDRESS_MAX = 3;
    private static final String ISSUERS = "--tollgate.validation.issuers[0].";
    private static final String OPERATOR = Secrets.remember("operator-" + UUID.randomUUID());
    private static final String INVALID_CLIENT =
            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";

    private static FakeIdentityProvider alpha;
    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;
    private static WebTestClient management;

    @BeforeAll
    static void start() {
        alpha = new FakeIdentityProvider("alpha", "alpha-1");
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.admin.tokens[0]=" + StoredHash.sha256(OPERATOR),
                "--tollgate.issuer.lockout.address-max-failures=" + ADDRESS_MAX,
                "--tollgate.rate-limit.client-address.burst-capacity=100000",
                ISSUERS + "id=alpha",
                ISSUERS + "issuer=" + alpha.issuer(),
                ISSUERS + "jwks-uri=" + alpha.jwksUri(),
                ISSUERS + "audiences=content-api",
                ISSUERS + "algorithms=RS256",
                ISSUERS + "kind=oauth-user");
        client = Standalone.client(tollgate);
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(tollgate))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        if (tollgate != null) {
            tollgate.close();
        }
        if (alpha != null) {
            alpha.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    /** A cut-off of the person ends both the access token and the refresh token of the grant. */
    @Test
    void aPersonsCutOffMakesTheirAccessAndRefreshTokensInactive() throws InterruptedException {
        Map<String, Object> tokens = Introspection.personTokens(client);
        String access = (String) tokens.get("access_token");
        String refresh = (String) tokens.get("refresh_token");
        assertThat(Introspection.answer(Introspection.byWebClient(client, access))).startsWith("{\"active\":true,");
        assertThat(Introspection.answer(byItsClient(refresh))).startsWith("{\"active\":true,");

        Instant cutOff = cutOff("{\"kind\":\"oauth-user\",\"subject\":\"" + TestCredentials.USER + "\"}");

        assertThat(Introspection.answer(Introspection.byWebClient(client, access))).isEqualTo(INACTIVE);
        assertThat(Introspection.answer(byItsClient(refresh))).isEqualTo(INACTIVE);
        waitPast(cutOff);
        String after = (String) Introspection.personTokens(client).get("access_token");
        assertThat(Introspection.answer(Introspection.byWebClient(client, after))).startsWith("{\"active\":true,");
    }

    @Test
    void aClientsCutOffMakesItsOwnTokenInactive() throws InterruptedException {
        String app = Introspection.appToken(client, "profile");
        assertThat(Introspection.answer(Introspection.byWebClient(client, app))).startsWith("{\"active\":true,");

        Instant cutOff = cutOff("{\"client\":\"" + TestCredentials.WEB_CLIENT + "\"}");

        // The client itself still authenticates: a cut-off ends tokens, not the client's secret.
        assertThat(Introspection.answer(Introspection.byWebClient(client, app))).isEqualTo(INACTIVE);
        waitPast(cutOff);
        String after = Introspection.appToken(client, "profile");
        assertThat(Introspection.answer(Introspection.byWebClient(client, after))).startsWith("{\"active\":true,");
    }

    /** Tollgate does not vouch for another issuer's token, though its validation service accepts it. */
    @Test
    void aTokenOfATrustedExternalIssuerIsInactive() {
        String external = alpha.sign(alpha.userClaims().build());
        client.get().uri("/platform/oauth/validate_token?access_token=" + external).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.result").isEqualTo("OK");

        assertThat(Introspection.answer(Introspection.byWebClient(client, external))).isEqualTo(INACTIVE);
        assertThat(Introspection.answer(Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET,
                "token=" + external + "&token_type_hint=refresh_token"))).isEqualTo(INACTIVE);
    }

    /**
     * The lockout of request_token: wrong secrets at introspect lock the sender's address, for both
     * endpoints, with the right secret too, and lock nobody else.
     */
    @Test
    void wrongSecretsLockTheSendersAddressAtBothEndpoints() {
        String token = Introspection.appToken(client, "profile");
        WebTestClient attacker = FromAddress.client("127.0.0.51", Standalone.port(tollgate));
        String wrong = Secrets.remember("wrong-secret-" + UUID.randomUUID());
        for (int i = 0; i < ADDRESS_MAX; i++) {
            Introspection.basic(attacker, TestCredentials.WEB_CLIENT, wrong, "token=" + token)
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"")
                    .expectBody(String.class).isEqualTo(INVALID_CLIENT);
        }
        Introspection.byWebClient(attacker, token)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"")
                .expectBody(String.class).isEqualTo(INVALID_CLIENT);
        Introspection.form(attacker, "client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET + "&token=" + token)
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(String.class).isEqualTo(INVALID_CLIENT);
        attacker.post().uri("/platform/oauth/request_token")
                .header(HttpHeaders.AUTHORIZATION, OAuthBrowserless.basic(TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo(INVALID_CLIENT);

        WebTestClient elsewhere = FromAddress.client("127.0.0.52", Standalone.port(tollgate));
        assertThat(Introspection.answer(Introspection.byWebClient(elsewhere, token))).startsWith("{\"active\":true,");
    }

    private static WebTestClient.ResponseSpec byItsClient(String refreshToken) {
        return Introspection.basic(client, TestCredentials.TRUSTED_CLIENT, TestCredentials.TRUSTED_SECRET,
                "token=" + refreshToken);
    }

    /** {@code POST /actuator/revocations}: the cut-off it answers. */
    private static Instant cutOff(String body) {
        String answer = management.post().uri("/actuator/revocations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return Instant.parse(answer.replaceAll("^\\{\"revoked-before\":\"(.*)\"}$", "$1"));
    }

    /** Until the clock has passed {@code cutOff}, so that a token issued now is issued after it. */
    private static void waitPast(Instant cutOff) throws InterruptedException {
        while (!Instant.now().isAfter(cutOff)) {
            Thread.sleep(50);
        }
    }
}
