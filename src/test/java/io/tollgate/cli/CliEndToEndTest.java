package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The runbook of docs/OPERATIONS.md against a running gateway: the CLI edits the credentials file
 * the gateway serves from, the gateway reloads it, and over real HTTP the new partner gets a
 * token, a rotated secret overlaps the old one, and the suspended partner is refused a token and
 * its live token stops working.
 */
class CliEndToEndTest {

    private static final String ISSUED = "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}";
    private static final String INVALID_USE = "{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}";
    private static final String BRAND_NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";
    private static final String TOKEN_INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    private static final String OPERATOR_UNAUTHORIZED =
            "{\"error\":\"invalid_token\",\"error_description\":\"An operator token from tollgate.admin.tokens is required\"}";
    private static final Duration RELOAD = Duration.ofSeconds(15);

    private static String operatorToken;
    private static Path directory;
    private static CredentialsFixture credentials;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("tollgate-cli-e2e");
        credentials = CredentialsFixture.demo(directory);
        Cli.Run minted = Cli.now().run("admin", "token");
        assertThat(minted.status()).isZero();
        operatorToken = minted.lastLine();
        gateway = Standalone.startWithTestKeys(
                "--tollgate.admin.tokens[0]=" + minted.lines().get(1),
                "--tollgate.credentials.location=file:" + credentials.file,
                "--tollgate.reload.poll-interval=200ms",
                "--tollgate.issuer.lockout.address-max-failures=100000",
                "--tollgate.rate-limit.client-address.burst-capacity=100000",
                "--tollgate.rate-limit.brand.burst-capacity=100000");
        client = Standalone.client(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void onboardRotateAndSuspendABrandUnderTheRunningGateway() {
        Cli cli = Cli.at(Instant.now());
        Cli.Run added = cli.run("credentials", "add-brand", "--file", credentials.path(), "--id", "partner",
                "--scope", "content:read");
        assertThat(added.status()).isZero();
        String secret = added.lastLine();

        await().atMost(RELOAD).untilAsserted(() -> Issuance.brandRequest(client, "ak_partner", secret)
                .expectStatus().isOk().expectBody().json(ISSUED, true));
        String token = brandToken("ak_partner", secret);
        guarded(token).expectStatus().isOk().expectBody()
                .jsonPath("$.path").isEqualTo("/demo/genuin/items")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("partner");

        Cli.Run rotated = cli.run("credentials", "rotate-secret", "--file", credentials.path(), "--brand", "partner",
                "--overlap", "1d");
        assertThat(rotated.status()).isZero();
        String next = rotated.lastLine();

        await().atMost(RELOAD).untilAsserted(() -> Issuance.brandRequest(client, "ak_partner", next)
                .expectStatus().isOk().expectBody().json(ISSUED, true));
        Issuance.brandRequest(client, "ak_partner", secret).expectStatus().isOk().expectBody().json(ISSUED, true);

        Cli.Run suspended = cli.run("credentials", "suspend", "--file", credentials.path(), "--brand", "partner");
        assertThat(suspended.status()).isZero();

        await().atMost(RELOAD).untilAsserted(() -> Issuance.brandRequest(client, "ak_partner", next)
                .expectStatus().isEqualTo(412).expectBody().json(INVALID_USE, true));
        // The cut-off is written by the reload's listener just after the new version is in force.
        await().atMost(RELOAD).untilAsserted(() ->
                guarded(token).expectStatus().isUnauthorized().expectBody().json(TOKEN_INVALID, true));
        Issuance.brandRequest(client, Demo.BRAND_KEY, Demo.BRAND_SECRET).expectStatus().isOk();

        Cli.Run removed = cli.run("credentials", "remove", "--file", credentials.path(), "--brand", "partner");
        assertThat(removed.status()).isZero();

        await().atMost(RELOAD).untilAsserted(() -> Issuance.brandRequest(client, "ak_partner", next)
                .expectStatus().isNotFound().expectBody().json(BRAND_NOT_EXISTS, true));
        // The audit lines follow the swap of each version, from the reload's thread.
        await().atMost(RELOAD).untilAsserted(() -> assertThat(LogCapture.linesContainingAny(List.of("credentials.account.")))
                .contains("credentials.account.added kind=brand account=partner",
                        "credentials.account.suspended kind=brand account=partner",
                        "credentials.account.removed kind=brand account=partner"));
    }

    /** The operator token {@code admin token} minted, its hash configured: the revocation endpoint lets it in. */
    @Test
    void theMintedOperatorTokenCutsOffABrandOnTheManagementPort() throws Exception {
        Cli.Run added = Cli.at(Instant.now()).run("credentials", "add-brand", "--file", credentials.path(), "--id",
                "watched");
        String secret = added.lastLine();
        await().atMost(RELOAD).untilAsserted(() -> Issuance.brandRequest(client, "ak_watched", secret)
                .expectStatus().isOk());
        String token = brandToken("ak_watched", secret);
        guarded(token).expectStatus().isOk();
        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway)).build();

        management.post().uri("/actuator/revocations").header("Authorization", "Bearer " + operatorToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"kind\":\"brand\",\"subject\":\"watched\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .matches("\\{\"revoked-before\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}"));
        management.post().uri("/actuator/revocations").header("Authorization", "Bearer " + operatorToken + "x")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"kind\":\"brand\",\"subject\":\"watched\"}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo(OPERATOR_UNAUTHORIZED);

        guarded(token).expectStatus().isUnauthorized().expectBody().json(TOKEN_INVALID, true);
    }

    private static String brandToken(String apiKey, String apiSecret) {
        return Secrets.remember(Issuance.brandRequest(client, apiKey, apiSecret).expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("gn-access-token"));
    }

    private static WebTestClient.ResponseSpec guarded(String token) {
        return client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange();
    }
}
