package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.SecretVolume;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A signing key rotation without a restart, the way an operator does it on Kubernetes: the JWK set
 * lives in a Secret volume ({@link SecretVolume}: {@code ..data} symlink swapped by rename), and
 * three instances run throughout:
 *
 * <ul>
 *   <li>{@code issuer} reads the volume and notices each version at once (watch, short poll);
 *   <li>{@code lagging}, an issuer replica whose volume is updated later (here: reached through a
 *       symlink from a directory nobody changes, with an hour's poll), so only a token naming a
 *       key it lacks makes it read the file;
 *   <li>{@code gateway}, a gateway-only pod verifying with the issuer's JWK set, refreshed every
 *       half second.
 * </ul>
 *
 * The tests run in order on the one set of instances: rotate, drop the old key, refuse bad files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationTest {

    private static final ConditionFactory WAIT =
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    private static final String INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    private static final String QUERY = "client_id=test-web&redirect_uri="
            + URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8) + "&state=s";
    private static final String EXPIRED_PAGE =
            "<p class=\"error\" role=\"alert\">This sign-in page has expired. Start again from the application.</p>";

    private static final RSAKey FIRST = TestKeys.rsa("rot-1");
    private static final RSAKey SECOND = TestKeys.rsa("rot-2");
    private static final ECKey EC = TestKeys.ec("rot-ec");

    @TempDir
    static Path dir;

    private static SecretVolume volume;
    private static ConfigurableApplicationContext issuer;
    private static ConfigurableApplicationContext lagging;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient issuerClient;
    private static WebTestClient laggingClient;
    private static WebTestClient gatewayClient;
    private static String firstKeyToken;
    private static String secondKeyToken;
    private static OAuthBrowserless signInBeforeTheDrop;

    @BeforeAll
    static void start() throws IOException {
        for (JWK key : List.of(FIRST, SECOND, EC)) {
            Secrets.remember(key instanceof RSAKey rsa ? rsa.getPrivateExponent().toString()
                    : ((ECKey) key).getD().toString());
        }
        volume = SecretVolume.create(dir.resolve("keys"), "jwks.json", set(FIRST, EC));
        issuer = Standalone.start(
                "--server.port=0",
                "--tollgate.issuer.keys.location=file:" + volume.file(),
                "--tollgate.credentials.location=file:" + TestCredentials.FILE,
                "--tollgate.reload.poll-interval=200ms");
        issuerClient = Standalone.client(issuer);

        Path unchanged = Files.createDirectories(dir.resolve("lagging"));
        Path link = Files.createSymbolicLink(unchanged.resolve("jwks.json"), volume.file());
        lagging = Standalone.start(
                "--server.port=0",
                "--tollgate.issuer.keys.location=file:" + link,
                "--tollgate.credentials.location=file:" + TestCredentials.FILE,
                "--tollgate.reload.poll-interval=1h");
        laggingClient = Standalone.client(lagging);

        String issuerUrl = "http://127.0.0.1:" + Standalone.port(issuer);
        gateway = Standalone.start(
                "--server.port=0",
                "--tollgate.issuer.enabled=false",
                "--tollgate.issuer.route-uri=" + issuerUrl,
                "--tollgate.validation.jwks.uri=" + issuerUrl + "/.well-known/jwks.json",
                "--tollgate.validation.jwks.refresh-interval=500ms",
                "--tollgate.validation.jwks.refetch-min-interval=500ms");
        gatewayClient = Standalone.client(gateway);
        WAIT.until(() -> readiness(gateway) == HttpStatus.OK.value());
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {gateway, lagging, issuer}) {
            if (context != null) {
                context.close();
            }
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    @Order(1)
    void aRotatedKeySignsTheNextTokenAndTheOldKeysTokensStayValid() throws ParseException {
        firstKeyToken = Issuance.brandToken(issuerClient);
        assertThat(kid(firstKeyToken)).isEqualTo("rot-1");
        for (WebTestClient client : List.of(issuerClient, gatewayClient, gatewayClient)) {
            assertAdmitted(client, firstKeyToken);
        }
        OAuthBrowserless signInDuringTheRotation = new OAuthBrowserless(issuerClient, Standalone.port(issuer));
        signInDuringTheRotation.authorize(QUERY);
        signInBeforeTheDrop = new OAuthBrowserless(issuerClient, Standalone.port(issuer));
        signInBeforeTheDrop.authorize(QUERY);

        // The CLI's rotate: the new key first, the old one kept, marked with iat and exp.
        RSAKey retiring = new RSAKey.Builder(FIRST)
                .issueTime(Date.from(Instant.now().minus(Duration.ofDays(30))))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                .build();
        volume.publish(set(SECOND, retiring, EC));
        WAIT.until(() -> jwksKids(issuerClient).equals(List.of("rot-2", "rot-1", "rot-ec")));

        secondKeyToken = Issuance.brandToken(issuerClient);
        assertThat(kid(secondKeyToken)).isEqualTo("rot-2");
        assertAdmitted(issuerClient, secondKeyToken);
        assertAdmitted(issuerClient, firstKeyToken);
        assertThat(auditLines("keys.key.added kid=rot-2", "keys.key.activated kid=rot-2")).hasSize(2);
        assertThat(auditLines("keys.key.retired")).isEmpty();
        issuerClient.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .expectBody()
                .jsonPath("$.keys[?(@.kid == 'rot-1')].exp").exists()
                .jsonPath("$.keys[*].d").doesNotExist();

        assertThat(signInDuringTheRotation.login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus())
                .as("a sign-in begun before the rotation goes on").isEqualTo(HttpStatus.SEE_OTHER);
    }

    @Test
    @Order(2)
    void aReplicaThatHasNotSeenTheNewFileReadsItForATokenOfTheNewKey() {
        assertThat(reloads(lagging, "applied")).isZero();

        assertAdmitted(laggingClient, secondKeyToken);

        assertThat(reloads(lagging, "applied")).isEqualTo(1);
        assertThat(jwksKids(laggingClient)).containsExactly("rot-2", "rot-1", "rot-ec");
    }

    @Test
    @Order(3)
    void aGatewayOnlyPodFollowsTheRotationThroughItsJwksRefresh() {
        assertAdmitted(gatewayClient, secondKeyToken);
        assertAdmitted(gatewayClient, firstKeyToken);
    }

    @Test
    @Order(4)
    void aDroppedKeyStopsVerifyingAtOnceCachedOrNot() {
        String neverPresented = Tokens.sign(Tokens.activeHeader().keyID("rot-1").build(),
                Tokens.brandClaims().build(), signer(FIRST));
        assertAdmitted(issuerClient, firstKeyToken);
        int activations = auditLines("keys.key.activated").size();

        volume.publish(set(SECOND, EC));
        WAIT.until(() -> jwksKids(issuerClient).equals(List.of("rot-2", "rot-ec")));

        // The purge runs right after the swap the JWKS shows: allow it those microseconds.
        WAIT.atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertRefused(issuerClient, firstKeyToken));
        assertRefused(issuerClient, neverPresented);
        assertAdmitted(issuerClient, secondKeyToken);
        assertThat(auditLines("keys.key.retired kid=rot-1")).hasSize(1);
        assertThat(auditLines("keys.key.activated")).as("the active key stayed").hasSize(activations);

        WAIT.untilAsserted(() -> assertRefused(gatewayClient, firstKeyToken));
        assertRefused(gatewayClient, neverPresented);
        assertAdmitted(gatewayClient, secondKeyToken);

        EntityExchangeResult<String> page = signInBeforeTheDrop.login(TestCredentials.USER, TestCredentials.PASSWORD);
        assertThat(page.getStatus()).as("the page state of a dropped key reads as absent")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getResponseBody()).contains(EXPIRED_PAGE);
    }

    @Test
    @Order(5)
    void aBadKeyFileIsRefusedInOneLineAndTheRingBeforeItKeepsSigning() throws ParseException {
        RSAKey confused = new RSAKey.Builder(SECOND).algorithm(JWSAlgorithm.HS256).build();
        Map<String, String> refusals = Map.of(
                "{\"keys\": [", "The signing keys file is not a JSON object",
                "{\"kty\":\"RSA\"}", "The signing keys file is not a JWK set: it has no \"keys\" array",
                set(SECOND.toPublicJWK(), EC), "The active key rot-2 has no private part",
                set(confused, EC), "The key rot-2 names alg HS256, which is not a signature algorithm of RSA keys",
                "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"rot-3\",\"alg\":\"RS256\",\"n\":\"AQAB\"}]}",
                "Key 1 (kid rot-3) of the signing keys file is not a valid JWK (details withheld: the file holds"
                        + " private keys)");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            double before = reloads(issuer, "rejected");
            volume.publish(refusal.getKey());
            WAIT.until(() -> reloads(issuer, "rejected") > before);

            WAIT.untilAsserted(() -> assertThat(LogCapture.linesContainingAny(List.of("keys reload refused")))
                    .anySatisfy(line -> assertThat(line).endsWith(": " + refusal.getValue())));
            String token = Issuance.brandToken(issuerClient);
            assertThat(kid(token)).isEqualTo("rot-2");
            assertAdmitted(issuerClient, token);
            assertThat(readiness(issuer)).isEqualTo(HttpStatus.OK.value());
            assertThat(jwksKids(issuerClient)).containsExactly("rot-2", "rot-ec");
        }
        assertThat(reloads(issuer, "applied")).isEqualTo(2);
    }

    private static void assertAdmitted(WebTestClient client, String token) {
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("acme")
                .jsonPath("$.headers['x-auth-kind']").isEqualTo("brand");
    }

    private static void assertRefused(WebTestClient client, String token) {
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().json(INVALID, true);
    }

    private static List<String> jwksKids(WebTestClient client) {
        JWKSet published;
        try {
            published = JWKSet.parse(client.get().uri("/.well-known/jwks.json").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
        return published.getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static List<String> auditLines(String... needles) {
        return LogCapture.linesContainingAny(List.of(needles));
    }

    private static double reloads(ConfigurableApplicationContext context, String outcome) {
        return context.getBean(MeterRegistry.class).get(MeterNames.CONFIG_RELOADS)
                .tag("file", "keys").tag("outcome", outcome).counter().count();
    }

    private static int readiness(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(context)).build()
                .get().uri("/actuator/health/readiness").exchange()
                .returnResult(Void.class).getStatus().value();
    }

    private static String kid(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static String set(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }

    private static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
