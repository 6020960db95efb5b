package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.credentials.CredentialsSource;
import io.tollgate.issuer.SigningKeys;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.observability.MeterNames;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TrustedIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

/**
 * Split mode for real: an issuer instance and a gateway instance configured as the Helm chart's
 * split mode configures them, each a whole Tollgate application on its own ports. The gateway has
 * {@code tollgate.issuer.enabled=false}, proxies the issuer routes to the issuer over HTTP and
 * verifies tokens with the keys of the issuer's JWK set.
 *
 * <p>The key rotation restarts the issuer on the same port with a key file in which a new key is
 * active and the old one still published, as an operator rolls out a new key Secret; the gateway
 * keeps running throughout.
 *
 * <p>The gateway starts before the issuer exists, so the first test sees it unready; the tests
 * run in order on the one pair of instances.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentTest {

    private static final ConditionFactory WAIT =
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));

    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(2);

    private static int issuerPort;
    private static ConfigurableApplicationContext gateway;
    private static ConfigurableApplicationContext issuer;
    private static WebTestClient client;
    private static WebTestClient management;
    private static String tokenBeforeRotation;

    @BeforeAll
    static void startGatewayWhileTheIssuerIsDown() {
        issuerPort = freePort();
        gateway = Standalone.start(
                "--server.port=0",
                "--tollgate.issuer.enabled=false",
                "--tollgate.issuer.route-uri=http://127.0.0.1:" + issuerPort,
                "--tollgate.validation.jwks.uri=http://127.0.0.1:" + issuerPort + "/.well-known/jwks.json",
                "--tollgate.validation.jwks.refresh-interval=10m",
                "--tollgate.validation.jwks.refetch-min-interval=" + REFETCH_INTERVAL.toMillis() + "ms",
                // Neither file exists: a gateway-only pod must not try to read them.
                "--tollgate.issuer.keys.location=file:/nonexistent/jwks.json",
                "--tollgate.credentials.location=file:/nonexistent/credentials.yml");
        client = Standalone.client(gateway);
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway))
                .build();
    }

    @AfterAll
    static void stopBoth() {
        if (issuer != null) {
            issuer.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    @Order(1)
    void theGatewayIsUnreadyUntilTheIssuerAnswers() {
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.components.keys.status").isEqualTo("DOWN")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
        WAIT.until(() -> refreshes("failure") >= 1);

        issuer = startIssuer(TestKeys.FILE, TestKeys.ACTIVE.getKeyID());

        WAIT.until(() -> readinessStatus() == HttpStatus.OK.value());
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.keys.status").isEqualTo("UP");
        assertThat(refreshes("success")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aTokenIssuedThroughTheGatewayOpensItsGuardedRoutes() throws ParseException {
        tokenBeforeRotation = Issuance.brandToken(client);
        assertThat(SignedJWT.parse(tokenBeforeRotation).getHeader().getKeyID()).isEqualTo(TestKeys.ACTIVE.getKeyID());

        client.get().uri("/demo/genuin/items").header("gn-access-token", tokenBeforeRotation).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("acme")
                .jsonPath("$.headers['x-auth-kind']").isEqualTo("brand");
        client.get().uri("/demo/genuin/items").exchange().expectStatus().isUnauthorized();
        client.get().uri(uri -> uri.path("/platform/oauth/validate_token")
                        .queryParam("access_token", tokenBeforeRotation).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.result").isEqualTo("OK");
        client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.keys[?(@.kid == 'rs-active')].d").doesNotExist();
    }

    @Test
    @Order(3)
    void theGatewayHoldsNoIssuerPart() {
        assertThat(gateway.getBeansOfType(SigningKeys.class)).isEmpty();
        assertThat(gateway.getBeansOfType(TokenMinter.class)).isEmpty();
        assertThat(gateway.getBeansOfType(CredentialsSource.class)).isEmpty();
        assertThat(gateway.getBeansOfType(RouterFunction.class))
                .as("the gateway's only handler of its own is forward authentication (/auth/check)")
                .containsOnlyKeys("forwardAuthentication");
        assertThat(gateway.getBean(TrustedIssuer.class)).isInstanceOf(RemoteKeySet.class);
        assertThat(issuer.getBeansOfType(SigningKeys.class)).hasSize(1);
        assertThat(issuer.getBeansOfType(RouterFunction.class)).isNotEmpty();
    }

    @Test
    @Order(4)
    void aTokenSignedAfterAKeyRotationIsAcceptedWithoutRestartingTheGateway() throws ParseException {
        issuer.close();
        issuer = startIssuer(TestKeys.ROTATED_FILE, TestKeys.NEXT.getKeyID());
        double readsBefore = refreshes("success");

        String rotated = Issuance.brandToken(client);
        assertThat(SignedJWT.parse(rotated).getHeader().getKeyID()).isEqualTo(TestKeys.NEXT.getKeyID());
        client.get().uri("/demo/genuin/items").header("gn-access-token", rotated).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-auth-subject']").isEqualTo("acme");
        assertThat(refreshes("success") - readsBefore).as("the unknown kid made the gateway read the set once")
                .isEqualTo(1);

        client.get().uri("/demo/genuin/items").header("gn-access-token", tokenBeforeRotation).exchange()
                .expectStatus().isOk();
        String freshFromTheOldKey = Tokens.sign(Tokens.brandClaims().build());
        client.get().uri("/demo/genuin/items").header("gn-access-token", freshFromTheOldKey).exchange()
                .expectStatus().isOk();
        assertThat(refreshes("success") - readsBefore).isEqualTo(1);
    }

    @Test
    @Order(5)
    void unknownKidsCauseAtMostOneReadPerInterval() {
        double readsBefore = refreshes("success") + refreshes("failure");
        for (int i = 0; i < 5; i++) {
            String token = Tokens.sign(Tokens.activeHeader().keyID("made-up-" + i).build(),
                    Tokens.brandClaims().build(), signer());
            client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("4011");
        }
        assertThat(refreshes("success") + refreshes("failure") - readsBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void aGatewayWithoutTheIssuerNeedsTheJwksUri() {
        assertThatThrownBy(() -> Standalone.start("--server.port=0", "--tollgate.issuer.enabled=false"))
                .hasStackTraceContaining("tollgate.validation.jwks.uri is required when tollgate.issuer.enabled"
                        + " is false");
    }

    private static ConfigurableApplicationContext startIssuer(Path keys, String activeKid) {
        return Standalone.start(
                "--server.port=" + issuerPort,
                "--tollgate.issuer.keys.location=file:" + keys,
                "--tollgate.issuer.keys.active-kid=" + activeKid,
                "--tollgate.credentials.location=file:" + TestCredentials.FILE);
    }

    private static int readinessStatus() {
        return management.get().uri("/actuator/health/readiness").exchange()
                .returnResult(Void.class).getStatus().value();
    }

    private static double refreshes(String outcome) {
        return gateway.getBean(MeterRegistry.class)
                .get(MeterNames.JWKS_REFRESH).tag("issuer", "tollgate").tag("outcome", outcome).counter().count();
    }

    private static RSASSASigner signer() {
        try {
            return new RSASSASigner(TestKeys.NEXT);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
