package io.tollgate.issuer.oauth;

import static io.tollgate.support.Introspection.INACTIVE;
import static io.tollgate.support.Introspection.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import io.tollgate.support.Introspection;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /platform/oauth/introspect} (RFC 7662) over real HTTP: the exact answer for an active
 * token of each kind and for a refresh token of the calling client, the one inactive answer for
 * everything else (same status, headers and bytes), and every refusal of the client or the request.
 * Cut-offs, external issuers and the lockout need an instance of their own: {@link
 * IntrospectionStandaloneTest}; real client libraries: {@link IntrospectionClientsTest}.
 */
class IntrospectionTest extends IntegrationTest {

    private static final String INVALID_CLIENT =
            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";
    private static final String BASIC_CHALLENGE = "Basic realm=\"tollgate\"";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    private MeterRegistry registry;

    @Test
    void aBrandTokenIsActiveWithItsClaims() throws ParseException {
        String token = brandToken();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(Introspection.answer(Introspection.byWebClient(client, token))).isEqualTo(
                "{\"active\":true,\"scope\":\"content:read content:write\",\"client_id\":\"acme\","
                        + "\"token_type\":\"bearer\"," + times(claims) + ",\"sub\":\"acme\",\"aud\":[\"tollgate\"],"
                        + "\"iss\":\"" + ISSUER + "\",\"jti\":\"" + claims.getJWTID() + "\",\"kind\":\"brand\"}");
    }

    @Test
    void aChannelTokenNamesNoClientAndNoUsername() throws ParseException {
        String token = channelToken();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(Introspection.answer(Introspection.byWebClient(client, token))).isEqualTo(
                "{\"active\":true,\"scope\":\"connectivity\",\"token_type\":\"bearer\"," + times(claims)
                        + ",\"sub\":\"channel_user\",\"aud\":[\"tollgate\"],\"iss\":\"" + ISSUER + "\",\"jti\":\""
                        + claims.getJWTID() + "\",\"kind\":\"channel\"}");
    }

    @Test
    void aPersonsTokenNamesThePersonAsUsername() throws ParseException {
        String token = (String) Introspection.personTokens(client).get("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(Introspection.answer(Introspection.byWebClient(client, token))).isEqualTo(
                "{\"active\":true,\"scope\":\"family profile\",\"client_id\":\"test-trusted\",\"username\":\"alice\","
                        + "\"token_type\":\"bearer\"," + times(claims) + ",\"sub\":\"alice\",\"aud\":[\"tollgate\"],"
                        + "\"iss\":\"" + ISSUER + "\",\"jti\":\"" + claims.getJWTID() + "\",\"kind\":\"oauth-user\"}");
    }

    @Test
    void anApplicationsTokenNamesNoUsername() throws ParseException {
        String token = Introspection.appToken(client, "profile");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        String answer = "{\"active\":true,\"scope\":\"profile\",\"client_id\":\"test-web\",\"token_type\":\"bearer\","
                + times(claims) + ",\"sub\":\"test-web\",\"aud\":[\"tollgate\"],\"iss\":\"" + ISSUER + "\",\"jti\":\""
                + claims.getJWTID() + "\",\"kind\":\"oauth-app\"}";
        assertThat(Introspection.answer(Introspection.byWebClient(client, token))).isEqualTo(answer);
        // Any client may introspect an access token, with either authentication method.
        assertThat(Introspection.answer(Introspection.form(client, "client_id=test-trusted&client_secret="
                + TestCredentials.TRUSTED_SECRET + "&token=" + token))).isEqualTo(answer);
    }

    /** RFC 7662 §2.1: the hint only says where to look first; a wrong or unknown one changes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"access_token", "refresh_token", "id_token", "nonsense"})
    void theHintChangesNothingForAnAccessToken(String hint) {
        String token = brandToken();
        String plain = Introspection.answer(Introspection.byWebClient(client, token));
        assertThat(plain).startsWith("{\"active\":true,");
        assertThat(Introspection.answer(Introspection.basic(client, TestCredentials.WEB_CLIENT,
                TestCredentials.WEB_SECRET, "token=" + token + "&token_type_hint=" + hint))).isEqualTo(plain);
    }

    @Test
    void aRevokedTokenIsInactive() {
        String token = brandToken();
        assertThat(Introspection.answer(Introspection.byWebClient(client, token))).startsWith("{\"active\":true,");
        client.post().uri("/platform/oauth/invalidate_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token)
                .exchange()
                .expectStatus().isOk();
        assertThat(Introspection.answer(Introspection.byWebClient(client, token))).isEqualTo(INACTIVE);
    }

    /**
     * No oracle: an expired token, one of an issuer nobody trusts, one naming no key of Tollgate's, one
     * whose signature does not verify, a malformed one, an over-long one and a random string get the same status, headers and bytes.
     */
    @Test
    void everyTokenThatIsNotActiveGetsTheSameAnswer() {
        Instant now = Instant.now();
        List<String> tokens = List.of(
                Tokens.sign(Tokens.brandClaims()
                        .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
                        .build()),
                Tokens.sign(Tokens.brandClaims().issuer("https://elsewhere.example").build()),
                Tokens.sign(Tokens.activeHeader().keyID("no-such-key").build(), Tokens.brandClaims().build(),
                        Tokens.activeSigner()),
                brandToken().replaceFirst("\\.[^.]+$", ".AAAA"),
                "not.a.token",
                Secrets.remember("x".repeat(9000)),
                Secrets.remember(UUID.randomUUID().toString()));
        List<EntityExchangeResult<String>> answers = new ArrayList<>();
        for (String token : tokens) {
            for (String hint : new String[] {"", "&token_type_hint=refresh_token"}) {
                answers.add(Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET,
                        "token=" + token + hint).expectBody(String.class).returnResult());
            }
        }
        EntityExchangeResult<String> first = answers.get(0);
        assertThat(first.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(first.getResponseBody()).isEqualTo(INACTIVE);
        assertThat(withoutDate(first.getResponseHeaders())).containsOnlyKeys(
                HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.CONTENT_LENGTH);
        for (EntityExchangeResult<String> answer : answers) {
            assertThat(answer.getStatus()).isEqualTo(first.getStatus());
            assertThat(withoutDate(answer.getResponseHeaders())).isEqualTo(withoutDate(first.getResponseHeaders()));
            assertThat(answer.getResponseBody()).isEqualTo(INACTIVE);
        }
    }

    @Test
    void aRefreshTokenIsActiveForItsOwnClientWithTheGrantsFields() throws ParseException {
        Map<String, Object> tokens = Introspection.personTokens(client);
        String refresh = (String) tokens.get("refresh_token");
        long issuedAt = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet().getIssueTime()
                .toInstant().getEpochSecond();
        String answer = Introspection.answer(own(refresh, ""));
        long exp = exp(answer);
        // The grant began within the second before its access token was signed; refresh tokens live 30 days from then.
        assertThat(exp).isBetween(issuedAt + Duration.ofDays(30).toSeconds() - 1, issuedAt + Duration.ofDays(30).toSeconds());
        assertThat(answer).isEqualTo("{\"active\":true,\"scope\":\"family profile\",\"client_id\":\"test-trusted\","
                + "\"username\":\"alice\",\"sub\":\"alice\",\"exp\":" + exp + ",\"iss\":\"" + ISSUER + "\"}");
        assertThat(Introspection.answer(own(refresh, "&token_type_hint=refresh_token"))).isEqualTo(answer);
        assertThat(Introspection.answer(own(refresh, "&token_type_hint=access_token"))).isEqualTo(answer);
    }

    @Test
    void aRefreshTokenIsInactiveForAnotherClientAndIntrospectionSpendsNothing() {
        Map<String, Object> tokens = Introspection.personTokens(client);
        String refresh = (String) tokens.get("refresh_token");
        assertThat(Introspection.answer(Introspection.byWebClient(client, refresh))).isEqualTo(INACTIVE);
        assertThat(Introspection.answer(Introspection.basic(client, TestCredentials.WEB_CLIENT,
                TestCredentials.WEB_SECRET, "token=" + refresh + "&token_type_hint=refresh_token"))).isEqualTo(INACTIVE);
        assertThat(Introspection.answer(own(refresh, ""))).startsWith("{\"active\":true,");

        // Introspected three times, the token still refreshes once; then it is spent, and inactive.
        Map<String, Object> rotated = refresh(refresh).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody();
        Secrets.remember((String) rotated.get("access_token"));
        Secrets.remember((String) rotated.get("refresh_token"));
        assertThat(Introspection.answer(own(refresh, ""))).isEqualTo(INACTIVE);
        assertThat(Introspection.answer(own((String) rotated.get("refresh_token"), ""))).startsWith("{\"active\":true,");
    }

    @Test
    void aPublicClientIsRefused() {
        String token = brandToken();
        Introspection.form(client, "client_id=" + TestCredentials.PUBLIC_CLIENT + "&token=" + token)
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectBody(String.class).isEqualTo(INVALID_CLIENT);
        Introspection.basic(client, TestCredentials.PUBLIC_CLIENT, "", "token=" + token)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE)
                .expectBody(String.class).isEqualTo(INVALID_CLIENT);
    }

    @Test
    void aWrongSecretAnUnknownClientOrNoAuthenticationIsInvalidClient() {
        String token = brandToken();
        String wrong = Secrets.remember("wrong-secret-" + UUID.randomUUID());
        Introspection.basic(client, TestCredentials.WEB_CLIENT, wrong, "token=" + token)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo(INVALID_CLIENT);
        for (String form : new String[] {
            "client_id=test-web&client_secret=" + wrong + "&token=" + token,
            "client_id=nobody&client_secret=" + wrong + "&token=" + token,
            "token=" + token}) {
            Introspection.form(client, form)
                    .expectStatus().isUnauthorized()
                    .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                    .expectBody(String.class).isEqualTo(INVALID_CLIENT);
        }
    }

    /** The token is read from the form body alone: one in the query string is not there. */
    @Test
    void aMissingTokenIsInvalidRequest() {
        String missing = "{\"error\":\"invalid_request\",\"error_description\":\"The parameter token is missing\"}";
        Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET, "token_type_hint=access_token")
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(String.class).isEqualTo(missing);
        Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET, "token=")
                .expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo(missing);
        client.post().uri(Introspection.PATH + "?token=" + brandToken())
                .header(HttpHeaders.AUTHORIZATION, OAuthBrowserless.basic(TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo(missing);
    }

    @Test
    void aRepeatedTokenIsInvalidRequest() {
        Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET, "token=a&token=b")
                .expectStatus().isBadRequest()
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"The parameter token is repeated\"}");
    }

    /** The OAuth routes' one answer to what cannot be read, as at request_token (DESIGN.md: 400 for all). */
    @Test
    void anUnreadableBodyIsInvalidRequest() throws IOException, InterruptedException {
        String unreadable = "{\"error\":\"invalid_request\",\"error_description\":\"The request cannot be read\"}";
        for (String body : new String[] {"token=%zz", "token=%e9", "a=%"}) {
            Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET, body)
                    .expectStatus().isBadRequest()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                    .expectBody(String.class).isEqualTo(unreadable);
        }
        // WebTestClient refuses to send a charset that does not exist; the JDK's client sends it as given.
        HttpResponse<String> badCharset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + Introspection.PATH))
                .header(HttpHeaders.AUTHORIZATION, OAuthBrowserless.basic(TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET))
                .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=nonsense")
                .POST(HttpRequest.BodyPublishers.ofString("token=x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badCharset.statusCode()).isEqualTo(400);
        assertThat(badCharset.body()).isEqualTo(unreadable);
        Introspection.basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET, "token=" + "x".repeat(20 * 1024))
                .expectStatus().isBadRequest()
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"The request body is too large\"}");
    }

    @Test
    void theMetadataNamesTheEndpointAndItsAuthenticationMethods() {
        Map<String, Object> metadata = client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(metadata)
                .containsEntry("introspection_endpoint", ISSUER + Introspection.PATH)
                .containsEntry("introspection_endpoint_auth_methods_supported",
                        List.of("client_secret_basic", "client_secret_post"));
    }

    /**
     * (choice) Introspection is no guard decision: {@code tollgate_validations_total} stays where the
     * guard left it, while a refused client counts in {@code tollgate_issuer_rejections_total} as at
     * request_token.
     */
    @Test
    void introspectionCountsNoGuardDecisionAndARefusedClientAsAnIssuerRejection() {
        String token = brandToken();
        double decisions = guardDecisions();
        double refused = invalidClients();

        Introspection.answer(Introspection.byWebClient(client, token));
        Introspection.answer(Introspection.byWebClient(client, "not.a.token"));
        Introspection.form(client, "client_id=" + TestCredentials.PUBLIC_CLIENT + "&token=" + token)
                .expectStatus().isUnauthorized();

        assertThat(guardDecisions()).isEqualTo(decisions);
        assertThat(invalidClients()).isEqualTo(refused + 1);
    }

    private WebTestClient.ResponseSpec own(String refreshToken, String more) {
        return Introspection.basic(client, TestCredentials.TRUSTED_CLIENT, TestCredentials.TRUSTED_SECRET,
                "token=" + refreshToken + more);
    }

    private WebTestClient.ResponseSpec refresh(String refreshToken) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&client_id=" + TestCredentials.TRUSTED_CLIENT + "&client_secret="
                        + TestCredentials.TRUSTED_SECRET + "&refresh_token=" + refreshToken)
                .exchange();
    }

    /** Registered at the first refusal of its kind, so perhaps not yet. */
    private double invalidClients() {
        Counter counter = registry.find(MeterNames.ISSUER_REJECTIONS)
                .tag("dialect", "oauth").tag("code", "invalid_client").counter();
        return counter == null ? 0 : counter.count();
    }

    private double guardDecisions() {
        return registry.find(MeterNames.VALIDATIONS).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** {@code "exp":…,"iat":…,"nbf":…} of a token: Tollgate's tokens are usable from their issuance. */
    private static String times(JWTClaimsSet claims) {
        long iat = claims.getIssueTime().toInstant().getEpochSecond();
        return "\"exp\":" + claims.getExpirationTime().toInstant().getEpochSecond() + ",\"iat\":" + iat + ",\"nbf\":" + iat;
    }

    private static Map<String, List<String>> withoutDate(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!HttpHeaders.DATE.equalsIgnoreCase(name)) {
                kept.put(name, values);
            }
        });
        return kept;
    }

    private static long exp(String json) {
        return JsonMapper.builder().build().readTree(json).get("exp").asLong();
    }
}
