package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import io.tollgate.support.FakeIdentityProvider;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.StoredHash;
import io.tollgate.support.TestKeys;
import io.tollgate.support.TestUpstream;
import io.tollgate.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tokens of external issuers through a running gateway, on a route that trusts them ({@code
 * /external/**}, bearer dialect), against fake identity providers over real
 * HTTP ({@link FakeIdentityProvider}): {@code alpha} found by discovery, {@code beta} by its JWK
 * set's URL and publishing the same {@code kid} as alpha, an HMAC key and a key of an algorithm it
 * is not pinned to, {@code gamma}, required, whose JWK set does not answer until the test about
 * it lets it, {@code delta}, not required, never reachable, and {@code epsilon}, found by discovery
 * through its RFC 8414 metadata alone (its OpenID Connect document answers 404).
 */
class ExternalIssuersTest {

    private static final String ISSUERS = "--tollgate.validation.issuers[";
    private static final String ROUTES = "--spring.cloud.gateway.server.webflux.routes[";
    private static final String INVALID = "{\"error\":\"invalid_token\",\"error_description\":\"The access token is "
            + "invalid\"}";
    private static final String OPERATOR = Secrets.remember("operator-" + UUID.randomUUID());
    private static final OctetSequenceKey HMAC = hmacKey();
    private static final RSAKey RS512 = rs512Key();

    private static FakeIdentityProvider alpha;
    private static FakeIdentityProvider beta;
    private static FakeIdentityProvider gamma;
    private static FakeIdentityProvider epsilon;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    private static WebTestClient management;

    @BeforeAll
    static void start() {
        alpha = new FakeIdentityProvider("alpha", "shared");
        beta = new FakeIdentityProvider("beta", "shared").publishing(HMAC).publishing(RS512.toPublicJWK());
        gamma = new FakeIdentityProvider("gamma", "gamma-1").hold();
        epsilon = new FakeIdentityProvider("epsilon", "epsilon-1").oauthMetadataOnly();
        gateway = Standalone.startWithTestKeys(
                "--tollgate.validation.jwks.timeout=5m",
                "--tollgate.admin.tokens[0]=" + StoredHash.sha256(OPERATOR),
                ROUTES + "0].id=external",
                ROUTES + "0].uri=http://127.0.0.1:" + TestUpstream.port(),
                ROUTES + "0].predicates[0]=Path=/external/**",
                ROUTES + "0].metadata.tollgate.dialect=bearer",
                ROUTES + "0].metadata.tollgate.issuers=alpha,beta,gamma,delta,epsilon",
                ROUTES + "1].id=tollgate",
                ROUTES + "1].uri=http://127.0.0.1:" + TestUpstream.port(),
                ROUTES + "1].predicates[0]=Path=/tollgate/**",
                ROUTES + "1].metadata.tollgate.dialect=genuin",
                ISSUERS + "0].id=alpha",
                ISSUERS + "0].issuer=" + alpha.issuer(),
                ISSUERS + "0].discovery=true",
                ISSUERS + "0].audiences=content-api",
                ISSUERS + "0].algorithms=RS256",
                ISSUERS + "0].kind-rule.claim=client_id",
                ISSUERS + "0].kind-rule.present=oauth-app",
                ISSUERS + "0].kind-rule.absent=oauth-user",
                ISSUERS + "1].id=beta",
                ISSUERS + "1].issuer=" + beta.issuer(),
                ISSUERS + "1].jwks-uri=" + beta.jwksUri(),
                ISSUERS + "1].audiences=content-api",
                ISSUERS + "1].algorithms=RS256",
                ISSUERS + "1].kind=oauth-user",
                ISSUERS + "1].max-lifetime=2h",
                ISSUERS + "2].id=gamma",
                ISSUERS + "2].issuer=" + gamma.issuer(),
                ISSUERS + "2].jwks-uri=" + gamma.jwksUri(),
                ISSUERS + "2].audiences=content-api",
                ISSUERS + "2].algorithms=RS256",
                ISSUERS + "2].kind=oauth-user",
                ISSUERS + "2].required=true",
                // Never reachable (nothing listens on port 1), not required.
                ISSUERS + "3].id=delta",
                ISSUERS + "3].issuer=https://delta.example/realms/acme",
                ISSUERS + "3].jwks-uri=http://127.0.0.1:1/jwks",
                ISSUERS + "3].any-audience=true",
                ISSUERS + "3].algorithms=ES256",
                ISSUERS + "3].kind=oauth-app",
                ISSUERS + "4].id=epsilon",
                ISSUERS + "4].issuer=" + epsilon.issuer(),
                ISSUERS + "4].discovery=true",
                ISSUERS + "4].audiences=content-api",
                ISSUERS + "4].algorithms=RS256",
                ISSUERS + "4].kind=oauth-user");
        client = Standalone.client(gateway);
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (FakeIdentityProvider provider : new FakeIdentityProvider[] {alpha, beta, gamma, epsilon}) {
            if (provider != null) {
                provider.close();
            }
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void anExternalTokenIsAdmittedWithItsMappedIdentity() {
        String user = alpha.sign(alpha.userClaims().build());
        String app = alpha.sign(alpha.userClaims().subject("service-account-batch").claim("azp", "batch")
                .claim("client_id", "batch").claim("scope", "content:write").build());

        admitted(user)
                .jsonPath("$.headers['x-auth-issuer']").isEqualTo("alpha")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("alice")
                .jsonPath("$.headers['x-auth-kind']").isEqualTo("oauth-user")
                .jsonPath("$.headers['x-auth-client']").isEqualTo("web")
                .jsonPath("$.headers['x-auth-scopes']").isEqualTo("content:read openid");
        admitted(app)
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("service-account-batch")
                .jsonPath("$.headers['x-auth-kind']").isEqualTo("oauth-app")
                .jsonPath("$.headers['x-auth-client']").isEqualTo("batch");
    }

    @Test
    void twoIssuersPublishingTheSameKidEachVerifyOnlyTheirOwnTokens() {
        assertThat(alpha.key().getKeyID()).isEqualTo(beta.key().getKeyID());
        admitted(alpha.sign(alpha.userClaims().build()))
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("alice");
        admitted(beta.sign(beta.userClaims().subject("bea").build()))
                .jsonPath("$.headers['x-auth-issuer']").isEqualTo("beta")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("bea");

        refused(alpha.sign(beta.userClaims().build()));
        refused(beta.sign(alpha.userClaims().build()));
    }

    @Test
    void aJwksKeyOfHmacOrOfAnAlgorithmNotPinnedIsIgnored() throws JOSEException {
        String hmac = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(HMAC.getKeyID()).build(),
                beta.userClaims().build(), new MACSigner(HMAC));
        String rs512 = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).type(JOSEObjectType.JWT).keyID(RS512.getKeyID()).build(),
                beta.userClaims().build(), FakeIdentityProvider.signer(RS512));

        refused(hmac);
        refused(rs512);
        admitted(beta.sign(beta.userClaims().build()));
    }

    @Test
    void aTokenWhoseAlgIsNotItsKeysIsRefused() {
        String rs384 = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT).keyID(alpha.key().getKeyID()).build(),
                alpha.userClaims().build(), FakeIdentityProvider.signer(alpha.key()));

        refused(rs384);
    }

    @Test
    void anIssuerWithOnlyRfc8414MetadataIsDiscoveredThroughIt() {
        admitted(epsilon.sign(epsilon.userClaims().subject("eve").build()))
                .jsonPath("$.headers['x-auth-issuer']").isEqualTo("epsilon")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("eve");
        assertThat(epsilon.oauthMetadataReads()).isGreaterThanOrEqualTo(1);
        assertThat(epsilon.jwksReads()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTokenLivingLongerThanItsIssuersMaxLifetimeIsRefused() {
        Instant now = Instant.now();
        Instant issued = now.minusSeconds(10);
        // beta: max-lifetime 2h; alpha: the default, 24h. Counted from iat, not from now: a token
        // issued 30 days ago that expires within the hour is as refused as a fresh 30-day one.
        refused(beta.sign(lifetime(beta, issued, Duration.ofHours(2).plusSeconds(1))));
        admitted(beta.sign(lifetime(beta, issued, Duration.ofHours(2))))
                .jsonPath("$.headers['x-auth-issuer']").isEqualTo("beta");
        refused(alpha.sign(lifetime(alpha, issued, Duration.ofHours(24).plusSeconds(1))));
        refused(alpha.sign(lifetime(alpha, now.minus(Duration.ofDays(30)), Duration.ofDays(30).plusHours(1))));
        admitted(alpha.sign(lifetime(alpha, issued, Duration.ofHours(24))))
                .jsonPath("$.headers['x-auth-issuer']").isEqualTo("alpha");
    }

    @Test
    void eachIssuersKeyReadsAreCountedUnderItsId() {
        admitted(alpha.sign(alpha.userClaims().build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("issuer=\"delta\",outcome=\"failure\""));

        assertThat(scrape())
                .containsPattern("(?m)^tollgate_jwks_refresh_total\\{[^}]*issuer=\"alpha\",outcome=\"success\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_jwks_refresh_total\\{[^}]*issuer=\"delta\",outcome=\"failure\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_jwks_refresh_total\\{[^}]*issuer=\"delta\",outcome=\"success\"[^}]*} 0.0$")
                .containsPattern("(?m)^tollgate_jwks_refresh_total\\{[^}]*issuer=\"tollgate\",outcome=\"success\"[^}]*} 0.0$")
                .doesNotContainPattern("(?m)^tollgate_jwks_refresh_total\\{(?![^}]*issuer=)");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(alpha.sign(alpha.userClaims().audience(List.of("billing-api")).build()));
        admitted(alpha.sign(alpha.userClaims().audience(List.of("content-api")).build()));
    }

    @Test
    void aTokenOfAnIssuerNobodyTrustsIsRefusedAndCounted() {
        MeterRegistry registry = gateway.getBean(MeterRegistry.class);
        double before = unknownIssuers(registry);

        refused(alpha.sign(alpha.userClaims().issuer("https://sso.example.com/realms/acme").build()));

        assertThat(unknownIssuers(registry)).isEqualTo(before + 1);
    }

    @Test
    void aCutOffNamesAnExternalIssuerByItsId() {
        String before = alpha.sign(alpha.userClaims().subject("bob").build());
        String tollgateBob = Tokens.sign(Tokens.brandClaims().subject("bob").build());
        admitted(before);

        management.post().uri("/actuator/revocations")
                .header("Authorization", "Bearer " + OPERATOR)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"kind\":\"oauth-user\",\"subject\":\"bob\",\"issuer\":\"alpha\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.revoked-before").isNotEmpty();
        management.post().uri("/actuator/revocations")
                .header("Authorization", "Bearer " + OPERATOR)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"kind\":\"oauth-user\",\"subject\":\"bob\",\"issuer\":\"nobody\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_request\",\"error_description\":"
                        + "\"Unknown issuer: name a configured issuer id, such as tollgate\"}", true);

        refused(before);
        client.get().uri("/tollgate/items").header("gn-access-token", tollgateBob).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-auth-subject']").isEqualTo("bob");
    }

    /**
     * gamma's JWK set hangs (held) from the start, so its first read is still under way; meanwhile
     * alpha's tokens are served: a cached one, and one of a key alpha published after its keys were
     * read, whose verification waits for a refetch of alpha's JWK set. "Meanwhile" is an order, not
     * a time: alpha's answers must all have come while gamma's read still hangs, before the test
     * lets gamma answer. So that a broken isolation (alpha's refetch waiting behind gamma's read)
     * fails this test instead of hanging it, gamma is let go after a while in any case; alpha's
     * answers then come after it, and the order checked below is wrong.
     */
    @Test
    void anIssuerWhoseKeysDoNotAnswerDelaysNoOtherIssuer() {
        String cached = alpha.sign(alpha.userClaims().subject("carol").build());
        admitted(cached);
        admitted(cached);
        await().atMost(Duration.ofSeconds(10)).until(() -> gamma.jwksReads() >= 1);
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.components.keys.status").isEqualTo("DOWN")
                .jsonPath("$.components.keys.components.gamma.status").isEqualTo("DOWN")
                .jsonPath("$.components.keys.components.tollgate.status").isEqualTo("UP")
                .jsonPath("$.components.keys.components.alpha.status").isEqualTo("UP");
        CompletableFuture<Integer> gammaAnswer = answer(gamma.sign(gamma.userClaims().build()));
        RSAKey rotated = TestKeys.rsa("alpha-rotated");
        alpha.publishing(rotated.toPublicJWK());
        int alphaReads = alpha.jwksReads();

        CompletableFuture<Integer> rotatedAnswer = answer(Tokens.sign(alpha.header().keyID("alpha-rotated").build(),
                alpha.userClaims().subject("dave").build(), FakeIdentityProvider.signer(rotated)));
        CompletableFuture<Integer> cachedAnswer = answer(cached);
        CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS).execute(gamma::release);
        CompletableFuture<Boolean> gammaHeldWhenAlphaAnswered = CompletableFuture.allOf(rotatedAnswer, cachedAnswer)
                .thenApply(done -> gamma.isHeld() && !gammaAnswer.isDone());

        assertThat(gammaHeldWhenAlphaAnswered.join()).as("alpha answered while gamma's keys were still being read")
                .isTrue();
        assertThat(cachedAnswer.join()).isEqualTo(200);
        assertThat(rotatedAnswer.join()).isEqualTo(200);
        assertThat(alpha.jwksReads()).as("alpha's keys were read again for its new kid").isGreaterThan(alphaReads);
        assertThat(gammaAnswer).as("still waiting for gamma's keys").isNotDone();

        gamma.release();
        assertThat(gammaAnswer.join()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> management.get()
                .uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.keys.status").isEqualTo("UP")
                .jsonPath("$.components.keys.components.gamma.status").isEqualTo("UP")
                .jsonPath("$.components.keys.components.delta.status").isEqualTo("UNKNOWN");
    }

    /** The status of the answer to a request on the external route with {@code token}, when it comes. */
    private static CompletableFuture<Integer> answer(String token) {
        return WebClient.create("http://localhost:" + Standalone.port(gateway))
                .get().uri("/external/items")
                .header("Authorization", "Bearer " + token)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .toFuture();
    }

    private static WebTestClient.BodyContentSpec admitted(String token) {
        return client.get().uri("/external/items").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody();
    }

    private static void refused(String token) {
        client.get().uri("/external/items").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate",
                        "Bearer realm=\"tollgate\", error=\"invalid_token\", "
                                + "error_description=\"The access token is invalid\"")
                .expectBody().json(INVALID, true);
    }

    /** Claims of a valid user token of {@code provider}, issued at {@code issued}, expiring {@code lifetime} later. */
    private static JWTClaimsSet lifetime(FakeIdentityProvider provider, Instant issued, Duration lifetime) {
        return provider.userClaims().issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(lifetime)))
                .build();
    }

    private static String scrape() {
        return management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double unknownIssuers(MeterRegistry registry) {
        return registry.find(MeterNames.VALIDATIONS).tag("reason", "unknown_issuer").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static OctetSequenceKey hmacKey() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID("hmac").algorithm(JWSAlgorithm.HS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rs512Key() {
        try {
            return new RSAKeyGenerator(2048).keyID("rs512").algorithm(JWSAlgorithm.RS512).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
