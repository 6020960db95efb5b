package io.tollgate.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import io.tollgate.token.TokenKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every revocation is one audit line of identifiers only: a token at {@code invalidate_token}, a
 * family (a refresh token at {@code invalidate_token}, refresh reuse, code replay, a cut-off) and a
 * cut-off of a subject; and on the in-memory engine too, a cut-off refuses the subject's live
 * tokens, cached or not, while tokens issued after it pass.
 */
class RevocationAuditTest extends IntegrationTest {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final String WEB = "client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET;
    private static final String TRUSTED = "client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET;
    private static final String CHANNEL_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private SubjectRevocations revocations;

    @Test
    void anAccessTokenRevokedAtInvalidateTokenIsAnAuditLineOfItsIdentifiers() throws ParseException {
        String token = brandToken();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        invalidate(token);

        assertThat(LogCapture.linesContainingAny(List.of("jti=" + claims.getJWTID()))).containsExactly(
                "revocation.token.revoked jti=" + claims.getJWTID() + " kind=brand subject=acme client_id="
                        + claims.getStringClaim("client_id") + " via=invalidate_token client.address=127.0.0.1");
    }

    @Test
    void aFamilyRevokedAtInvalidateTokenOnRefreshReuseOrOnCodeReplayIsAnAuditLineNamingWhy() {
        int before = familyLines().size();
        invalidate((String) passwordGrant().get("refresh_token"));

        String refresh = (String) passwordGrant().get("refresh_token");
        token("grant_type=refresh_token&" + TRUSTED + "&refresh_token=" + refresh).expectStatus().isOk();
        token("grant_type=refresh_token&" + TRUSTED + "&refresh_token=" + refresh).expectStatus().isBadRequest();

        String code = Secrets.remember(OAuthBrowserless.parameters(new OAuthBrowserless(client, port)
                .allow("client_id=test-web&redirect_uri=" + REDIRECT), false).get("code"));
        String redeem = "grant_type=authorization_code&" + WEB + "&code=" + code + "&redirect_uri=" + REDIRECT;
        remember(token(redeem).expectStatus().isOk());
        token(redeem).expectStatus().isBadRequest();

        List<String> lines = familyLines().subList(before, familyLines().size());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("revocation\\.family\\.revoked family=\\S+ reason=invalidate_token"
                + " access_tokens=1 client\\.address=127\\.0\\.0\\.1");
        assertThat(lines.get(1)).matches("revocation\\.family\\.revoked family=\\S+ reason=refresh_reuse"
                + " access_tokens=2 client\\.address=127\\.0\\.0\\.1");
        assertThat(lines.get(2)).matches("revocation\\.family\\.revoked family=\\S+ reason=code_replay"
                + " access_tokens=1 client\\.address=127\\.0\\.0\\.1");
    }

    @Test
    void aCutOffOnTheMemoryEngineEndsTheSubjectsLiveTokensAndIsAnAuditLine() {
        String cached = channelToken();
        bearer(cached).expectStatus().isOk();
        bearer(cached).expectStatus().isOk();
        String unseen = channelToken();

        Instant cutOff = revocations.cutOff(
                new CutOffTarget.Subject(CutOffTarget.DEFAULT_ISSUER, TokenKind.CHANNEL, "channel_user"),
                new RevocationOrigin("credentials reload", RevocationOrigin.NO_ADDRESS)).block();

        bearer(cached).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(CHANNEL_INVALID);
        bearer(unseen).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(CHANNEL_INVALID);
        await().atMost(Duration.ofSeconds(3)).until(() -> !Instant.now().isBefore(cutOff));
        bearer(channelToken()).expectStatus().isOk();
        assertThat(LogCapture.linesContainingAny(List.of("revoked_before=" + cutOff))).containsExactly(
                "revocation.subject.cut_off issuer=tollgate kind=channel subject=channel_user revoked_before="
                        + cutOff + " via=\"credentials reload\" client.address=-");
    }

    private static List<String> familyLines() {
        return LogCapture.linesContainingAny(List.of("revocation.family.revoked"));
    }

    private Map<String, Object> passwordGrant() {
        return remember(token("grant_type=password&" + TRUSTED + "&username=alice&password="
                + TestCredentials.PASSWORD).expectStatus().isOk());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> remember(WebTestClient.ResponseSpec granted) {
        Map<String, Object> body = JSON.readValue(
                granted.expectBody(String.class).returnResult().getResponseBody(), Map.class);
        Secrets.remember((String) body.get("access_token"));
        Secrets.remember((String) body.get("refresh_token"));
        return body;
    }

    private WebTestClient.ResponseSpec token(String form) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }

    private void invalidate(String token) {
        client.post().uri("/platform/oauth/invalidate_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
    }

    private WebTestClient.ResponseSpec bearer(String token) {
        return client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
