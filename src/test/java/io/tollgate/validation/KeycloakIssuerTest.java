package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.support.Keycloak;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import io.tollgate.support.Tokens;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * Tokens of a real Keycloak ({@link Keycloak}, realm {@code acme}) through a running Tollgate that
 * trusts that realm as issuer {@code keycloak}, configured as the README's "Trust your identity
 * provider" shows: admitted on a route whose {@code issuers} name it, with the issuer, subject,
 * kind and client forwarded; refused in the route's dialect where the route trusts only Tollgate,
 * for a wrong audience, once expired, from another realm with keys of its own; and Keycloak's key
 * rotation through its admin API is followed without a restart.
 */
class KeycloakIssuerTest {

    private static final String ISSUER = "--tollgate.validation.issuers[0].";
    private static final String INVALID_CHALLENGE = "Bearer realm=\"tollgate\", error=\"invalid_token\", "
            + "error_description=\"The access token is invalid\"";
    private static final String INVALID_BODY =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";

    private static Keycloak keycloak;
    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void start() {
        keycloak = Keycloak.shared();
        List<String> args = new ArrayList<>(List.of(
                ISSUER + "id=keycloak",
                ISSUER + "issuer=" + keycloak.issuer("acme"),
                ISSUER + "discovery=true",
                ISSUER + "audiences[0]=content-api",
                ISSUER + "algorithms[0]=RS256",
                ISSUER + "kind-rule.claim=client_id",
                ISSUER + "kind-rule.present=oauth-app",
                ISSUER + "kind-rule.absent=oauth-user",
                // Expiry judged at exp itself, so the expired token need not wait out a skew.
                "--tollgate.validation.clock-skew=0s"));
        String anyKind = "oauth-user,oauth-app,brand";
        args.addAll(route(0, "trusts-keycloak", "/keycloak/**", "bearer", anyKind, List.of("tollgate", "keycloak")));
        args.addAll(route(1, "tollgate-only", "/own/**", "bearer", anyKind, List.of()));
        args.addAll(route(2, "tollgate-only-genuin", "/own-genuin/**", "genuin", anyKind, List.of()));
        args.addAll(route(3, "keycloak-only", "/keycloak-only/**", "bearer", anyKind, List.of("keycloak")));
        args.addAll(route(4, "keycloak-people", "/keycloak-people/**", "bearer", "oauth-user", List.of("keycloak")));
        tollgate = Standalone.startWithTestKeys(args.toArray(String[]::new));
        client = Standalone.client(tollgate);
    }

    @AfterAll
    static void stop() {
        if (tollgate != null) {
            tollgate.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aClientCredentialsTokenIsAdmittedAsAnOAuthAppOfKeycloak() throws ParseException {
        String token = keycloak.clientCredentialsToken("acme", "tollgate-machine");

        Map<String, String> headers = TestUpstream.echoedHeaders(bearer("/keycloak/orders", token));

        assertThat(headers).containsEntry("x-auth-issuer", "keycloak")
                .containsEntry("x-auth-subject", claims(token).getSubject())
                .containsEntry("x-auth-kind", "oauth-app")
                .containsEntry("x-auth-client", "tollgate-machine");
    }

    @Test
    void aUsersTokenIsAdmittedAsAnOAuthUserOfKeycloak() throws ParseException {
        String token = keycloak.userToken("acme", "tollgate-spa", "alice");

        Map<String, String> headers = TestUpstream.echoedHeaders(bearer("/keycloak/orders", token));

        assertThat(headers).containsEntry("x-auth-issuer", "keycloak")
                .containsEntry("x-auth-subject", claims(token).getSubject())
                .containsEntry("x-auth-kind", "oauth-user")
                .containsEntry("x-auth-client", "tollgate-spa");
    }

    @Test
    void theKindRuleDecidesWhichRoutesAKeycloakTokenMayUse() {
        String app = keycloak.clientCredentialsToken("acme", "tollgate-machine");
        String person = keycloak.userToken("acme", "tollgate-spa", "alice");

        assertThat(TestUpstream.echoedHeaders(bearer("/keycloak-people/orders", person)))
                .containsEntry("x-auth-kind", "oauth-user");
        expect(bearer("/keycloak-people/orders", app), HttpStatus.FORBIDDEN,
                "Bearer realm=\"tollgate\", error=\"insufficient_scope\", "
                        + "error_description=\"The access token's kind is not accepted here\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token's kind is not accepted here\"}");
    }

    @Test
    void tollgatesOwnTokensStillPassWhereKeycloakIsTrustedToo() {
        String token = Secrets.remember(Tokens.sign(Tokens.brandClaims().claim("kind", "oauth-app").build()));

        assertThat(TestUpstream.echoedHeaders(bearer("/keycloak/orders", token)))
                .containsEntry("x-auth-issuer", "tollgate")
                .containsEntry("x-auth-kind", "oauth-app");
        expect(bearer("/keycloak-only/orders", token), HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE, INVALID_BODY);
    }

    @Test
    void aKeycloakTokenIsRefusedInTheRoutesDialectWhereOnlyTollgateIsTrusted() {
        String token = keycloak.clientCredentialsToken("acme", "tollgate-machine");

        expect(bearer("/own/orders", token), HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE, INVALID_BODY);
        client.get().uri("/own-genuin/orders").header("gn-access-token", token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody().json("{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}", true);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = keycloak.clientCredentialsToken("acme", "tollgate-billing");

        expect(bearer("/keycloak/orders", token), HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE, INVALID_BODY);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws ParseException, InterruptedException {
        String token = keycloak.clientCredentialsToken("acme", "tollgate-brief");
        Instant expiry = claims(token).getExpirationTime().toInstant();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1100);

        expect(bearer("/keycloak/orders", token), HttpStatus.UNAUTHORIZED,
                "Bearer realm=\"tollgate\", error=\"invalid_token\", error_description=\"The access token expired\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}");
    }

    @Test
    void aTokenOfAnotherRealmWithKeysOfItsOwnIsRefused() {
        String token = keycloak.clientCredentialsToken("other", "tollgate-machine");

        expect(bearer("/keycloak/orders", token), HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE, INVALID_BODY);
    }

    @Test
    void aKeyRotationInKeycloakIsFollowedWithoutARestart() throws ParseException {
        TestUpstream.echoedHeaders(bearer("/keycloak/orders", keycloak.clientCredentialsToken("acme", "tollgate-machine")));

        String rotated = keycloak.rotateSigningKey("acme");
        String token = keycloak.clientCredentialsToken("acme", "tollgate-machine");
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(rotated);

        assertThat(TestUpstream.echoedHeaders(bearer("/keycloak/orders", token)))
                .as("the first token of the new key makes Tollgate read Keycloak's JWK set again")
                .containsEntry("x-auth-issuer", "keycloak")
                .containsEntry("x-auth-kind", "oauth-app");
    }

    private static WebTestClient.RequestHeadersSpec<?> bearer(String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private static void expect(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status, String challenge,
            String body) {
        ResponseSpec response = request.exchange();
        response.expectStatus().isEqualTo(status)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json(body, true);
    }

    private static JWTClaimsSet claims(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static List<String> route(int index, String id, String path, String dialect, String kinds,
            List<String> issuers) {
        String prefix = "--spring.cloud.gateway.server.webflux.routes[" + index + "].";
        List<String> args = new ArrayList<>(List.of(
                prefix + "id=" + id,
                prefix + "uri=http://127.0.0.1:" + TestUpstream.port(),
                prefix + "predicates[0]=Path=" + path,
                prefix + "metadata.tollgate.auth=required",
                prefix + "metadata.tollgate.schemes=bearer,gn-access-token",
                prefix + "metadata.tollgate.kinds=" + kinds,
                prefix + "metadata.tollgate.dialect=" + dialect));
        for (int i = 0; i < issuers.size(); i++) {
            args.add(prefix + "metadata.tollgate.issuers[" + i + "]=" + issuers.get(i));
        }
        return args;
    }
}
