package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.revocation.RevocationOrigin;
import io.tollgate.revocation.SubjectRevocations;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestRedis;
import io.tollgate.token.TokenKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revocation by subject on the Redis engine, across two replicas A and B: a cut-off made at A
 * refuses at B every token of its subject (or client) issued before it, whether B had cached the
 * token's verdict or never seen it, and the refresh tokens of its grants; tokens issued after it
 * pass. Each cut-off is an audit line.
 */
class SubjectCutOffReplicasTest {

    private static final String GENUIN_INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    private static final String BEARER_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";
    private static final String GRANT_REVOKED =
            "{\"error\":\"invalid_grant\",\"error_description\":\"The grant was revoked\"}";
    private static final String REFRESH_UNKNOWN =
            "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is unknown or expired\"}";
    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final String WEB = "client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET;
    private static final String TRUSTED = "client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET;
    private static final RevocationOrigin ORIGIN = new RevocationOrigin("POST /actuator/revocations", "127.0.0.1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> UNLIMITED = Map.of(
            "tollgate.rate-limit.brand.burst-capacity", "100000",
            "tollgate.rate-limit.channel.burst-capacity", "100000",
            "tollgate.rate-limit.oauth-user.burst-capacity", "100000",
            "tollgate.rate-limit.oauth-app.burst-capacity", "100000",
            "tollgate.rate-limit.client-address.burst-capacity", "100000");

    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void startTwoReplicas() {
        String prefix = TestRedis.uniquePrefix();
        a = Replica.start(TestRedis.url(), prefix, UNLIMITED);
        b = Replica.start(TestRedis.url(), prefix, UNLIMITED);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aBrandCutOffAtAEndsItsLiveTokensAtBCachedOrNotAndTokensIssuedAfterPass() {
        String cached = Issuance.brandToken(a.client());
        String unseen = Issuance.brandToken(a.client());
        b.guarded(cached).expectStatus().isOk();
        b.guarded(cached).expectStatus().isOk();
        String channel = Issuance.channelToken(a.client());

        Instant cutOff = cutOff(new CutOffTarget.Subject(CutOffTarget.DEFAULT_ISSUER, TokenKind.BRAND, "acme"));

        a.guarded(cached).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> b.guarded(cached)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID));
        b.guarded(unseen).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID);
        bearer(b.client(), channel).expectStatus().isOk();

        waitPast(cutOff);
        String after = Issuance.brandToken(a.client());
        b.guarded(after).expectStatus().isOk();
        b.guarded(after).expectStatus().isOk();
        b.guarded(cached).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID);
        assertThat(LogCapture.linesContainingAny(List.of("revocation.subject.cut_off issuer=tollgate kind=brand"
                + " subject=acme revoked_before=" + cutOff + " via=\"POST /actuator/revocations\""
                + " client.address=127.0.0.1"))).hasSize(1);
    }

    @Test
    void aPersonCutOffAtAEndsTheirAccessAndRefreshTokensAndCodesAtBAndRevokesTheFamily() {
        String pendingCode = code(a);
        Map<String, Object> grant = passwordGrant(a.client());
        String access = (String) grant.get("access_token");
        String refresh = (String) grant.get("refresh_token");
        bearer(b.client(), access).expectStatus().isOk();
        bearer(b.client(), access).expectStatus().isOk();

        Instant cutOff = cutOff(new CutOffTarget.Subject(CutOffTarget.DEFAULT_ISSUER, TokenKind.OAUTH_USER,
                TestCredentials.USER));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> bearer(b.client(), access)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID));
        refresh(b.client(), TRUSTED, refresh).expectStatus().isBadRequest()
                .expectBody().json(GRANT_REVOKED, true);
        refresh(a.client(), TRUSTED, refresh).expectStatus().isBadRequest()
                .expectBody().json(REFRESH_UNKNOWN, true);

        waitPast(cutOff);
        redeem(b.client(), pendingCode).expectStatus().isBadRequest().expectBody().json(GRANT_REVOKED, true);
        Map<String, Object> after = passwordGrant(a.client());
        bearer(b.client(), (String) after.get("access_token")).expectStatus().isOk();
        Map<String, Object> refreshed = body(refresh(b.client(), TRUSTED, (String) after.get("refresh_token"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        bearer(a.client(), (String) refreshed.get("access_token")).expectStatus().isOk();
        assertThat(LogCapture.linesContainingAny(List.of("revocation.family.revoked"))).anySatisfy(line -> assertThat(line)
                .contains("reason=cut_off access_tokens=1 client.address=127.0.0.1"));
    }

    @Test
    void aClientCutOffAtAEndsBothKindsOfItsTokensAtBButNoOtherClientsAndNoBrands() {
        String app = appToken(a.client());
        Map<String, Object> person = codeGrant(a);
        String user = (String) person.get("access_token");
        String otherClient = (String) passwordGrant(a.client()).get("access_token");
        String brand = Issuance.brandToken(a.client());
        bearer(b.client(), app).expectStatus().isOk();
        bearer(b.client(), app).expectStatus().isOk();

        Instant cutOff = cutOff(new CutOffTarget.Client(CutOffTarget.DEFAULT_ISSUER, TestCredentials.WEB_CLIENT));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> bearer(b.client(), app)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID));
        bearer(b.client(), user).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID);
        refresh(b.client(), WEB, (String) person.get("refresh_token")).expectStatus().isBadRequest()
                .expectBody().json(GRANT_REVOKED, true);
        bearer(b.client(), otherClient).expectStatus().isOk();
        b.guarded(brand).expectStatus().isOk();

        waitPast(cutOff);
        bearer(b.client(), appToken(a.client())).expectStatus().isOk();
        assertThat(LogCapture.linesContainingAny(List.of("revocation.client.cut_off issuer=tollgate client_id=test-web"
                + " revoked_before=" + cutOff))).hasSize(1);
    }

    /** Cuts off at A; the cut-off is the next whole second after the call. */
    private static Instant cutOff(CutOffTarget target) {
        Instant called = Instant.now();
        Instant cutOff = a.bean(SubjectRevocations.class).cutOff(target, ORIGIN).block();
        assertThat(cutOff).isAfter(called).isBefore(called.plusSeconds(2))
                .isEqualTo(cutOff.truncatedTo(ChronoUnit.SECONDS));
        return cutOff;
    }

    /** Tokens issued from the cut-off's second on pass. */
    private static void waitPast(Instant cutOff) {
        await().atMost(Duration.ofSeconds(3)).until(() -> !Instant.now().isBefore(cutOff));
    }

    private static Map<String, Object> passwordGrant(WebTestClient client) {
        return token(client, "grant_type=password&" + TRUSTED + "&username=" + TestCredentials.USER + "&password="
                + TestCredentials.PASSWORD);
    }

    private static Map<String, Object> codeGrant(Replica replica) {
        return token(replica.client(), redemption(code(replica)));
    }

    /** An authorization code for {@link TestCredentials#USER} at test-web, not yet redeemed. */
    private static String code(Replica replica) {
        return Secrets.remember(OAuthBrowserless.parameters(new OAuthBrowserless(replica.client(), replica.port())
                .allow("client_id=test-web&redirect_uri=" + REDIRECT), false).get("code"));
    }

    private static WebTestClient.ResponseSpec redeem(WebTestClient client, String code) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(redemption(code))
                .exchange();
    }

    private static String redemption(String code) {
        return "grant_type=authorization_code&" + WEB + "&code=" + code + "&redirect_uri=" + REDIRECT;
    }

    private static String appToken(WebTestClient client) {
        return (String) token(client, "grant_type=client_credentials&" + WEB).get("access_token");
    }

    private static Map<String, Object> token(WebTestClient client, String form) {
        Map<String, Object> body = body(client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        Secrets.remember((String) body.get("access_token"));
        if (body.get("refresh_token") != null) {
            Secrets.remember((String) body.get("refresh_token"));
        }
        return body;
    }

    private static WebTestClient.ResponseSpec refresh(WebTestClient client, String clientAuth, String refreshToken) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&" + clientAuth + "&refresh_token=" + refreshToken)
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static WebTestClient.ResponseSpec bearer(WebTestClient client, String token) {
        return client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
