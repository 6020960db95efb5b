package io.tollgate.issuer.oauth;

import static io.tollgate.support.OAuthBrowserless.basic;
import static io.tollgate.support.OAuthBrowserless.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.OAuthBrowserless.Pkce;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** {@code /platform/oauth/request_token}: every grant and every error, status and {@code error} exactly. */
class TokenEndpointTest extends IntegrationTest {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String TRUSTED = "client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET;
    private static final String TRUSTED_PASSWORD_GRANT =
            TRUSTED + "&grant_type=password&username=alice&password=" + TestCredentials.PASSWORD;

    @Test
    void clientCredentialsWithSecretParameterGiveAnAppToken() throws Exception {
        Map<String, Object> body = ok(token("grant_type=client_credentials&client_id=test-web&client_secret="
                + TestCredentials.WEB_SECRET + "&scope=profile&state=st"));
        assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in", "scope", "state")
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 3600)
                .containsEntry("scope", "profile")
                .containsEntry("state", "st");
        SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("kind")).isEqualTo("oauth-app");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("test-web");
        client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + body.get("access_token"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-auth-kind']").isEqualTo("oauth-app");
    }

    @Test
    void clientCredentialsWithHttpBasic() {
        Map<String, Object> body = ok(client.post().uri("/platform/oauth/request_token")
                .header(HttpHeaders.AUTHORIZATION, basic("test-web", TestCredentials.WEB_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange());
        assertThat(body).doesNotContainKey("refresh_token").containsEntry("scope", "content:read family profile");
    }

    @Test
    void getWithQueryParametersIsAccepted() {
        ok(client.get().uri("/platform/oauth/request_token?grant_type=client_credentials&client_id=test-web"
                + "&client_secret=" + TestCredentials.WEB_SECRET).exchange());
    }

    @Test
    void passwordGrantForATrustedClient() {
        Map<String, Object> body = ok(token("grant_type=password&client_id=test-trusted&client_secret="
                + TestCredentials.TRUSTED_SECRET + "&username=alice&password=" + TestCredentials.PASSWORD));
        assertThat(body).containsKeys("access_token", "refresh_token").containsEntry("expires_in", 86400);
    }

    @Test
    void passwordGrantForAnUntrustedClientIsUnauthorizedClient() {
        error(token("grant_type=password&client_id=test-untrusted&client_secret=" + TestCredentials.UNTRUSTED_SECRET
                        + "&username=alice&password=" + TestCredentials.PASSWORD),
                HttpStatus.UNAUTHORIZED, "unauthorized_client",
                "This application is not authorized to use grant_type password");
    }

    @Test
    void passwordGrantWithAWrongPasswordIsInvalidGrant() {
        error(token("grant_type=password&client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET
                + "&username=alice&password=wrong"), HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheFamily() {
        Map<String, Object> first = ok(token("grant_type=password&client_id=test-trusted&client_secret="
                + TestCredentials.TRUSTED_SECRET + "&username=alice&password=" + TestCredentials.PASSWORD));
        String refresh1 = (String) first.get("refresh_token");
        Map<String, Object> second = ok(token("grant_type=refresh_token&client_id=test-trusted&client_secret="
                + TestCredentials.TRUSTED_SECRET + "&refresh_token=" + refresh1 + "&scope=profile"));
        String refresh2 = (String) second.get("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(second).containsEntry("scope", "profile");
        bearer((String) second.get("access_token")).expectStatus().isOk();

        error(token("grant_type=refresh_token&client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET
                + "&refresh_token=" + refresh1), HttpStatus.BAD_REQUEST, "invalid_grant", null);

        bearer((String) first.get("access_token")).expectStatus().isUnauthorized();
        bearer((String) second.get("access_token")).expectStatus().isUnauthorized();
        error(token("grant_type=refresh_token&client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET
                + "&refresh_token=" + refresh2), HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void aRefreshCannotWidenTheScopes() {
        Map<String, Object> first = ok(token("grant_type=password&client_id=test-trusted&client_secret="
                + TestCredentials.TRUSTED_SECRET + "&username=alice&password=" + TestCredentials.PASSWORD
                + "&scope=profile"));
        error(token("grant_type=refresh_token&client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET
                        + "&refresh_token=" + first.get("refresh_token") + "&scope=profile%20family"),
                HttpStatus.BAD_REQUEST, "invalid_scope", null);
    }

    /** A corrected retry is not reuse: the refused request left the refresh token unspent. */
    @Test
    void aRefreshRefusedForItsScopeLeavesTheRefreshTokenWorking() {
        Map<String, Object> first = ok(token(TRUSTED_PASSWORD_GRANT + "&scope=profile"));
        String refresh = TRUSTED + "&grant_type=refresh_token&refresh_token=" + first.get("refresh_token");
        error(token(refresh + "&scope=profile%20family"), HttpStatus.BAD_REQUEST, "invalid_scope",
                "The scope family is not available to this client");
        Map<String, Object> second = ok(token(refresh + "&scope=profile"));
        assertThat(second).containsEntry("scope", "profile");
        bearer((String) first.get("access_token")).expectStatus().isOk();
        bearer((String) second.get("access_token")).expectStatus().isOk();
    }

    @Test
    void aRefreshTokenPresentedByAnotherClientIsRefusedAndStillWorksForItsOwn() {
        Map<String, Object> first = ok(token(TRUSTED_PASSWORD_GRANT));
        error(token("grant_type=refresh_token&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&refresh_token=" + first.get("refresh_token")),
                HttpStatus.BAD_REQUEST, "invalid_grant", "The refresh token was issued to another client");
        ok(token(TRUSTED + "&grant_type=refresh_token&refresh_token=" + first.get("refresh_token")));
        bearer((String) first.get("access_token")).expectStatus().isOk();
    }

    /**
     * Requests that fail a check of the code (verifier, redirect URI, client) do not spend it: the
     * rightful request after them still gets the tokens.
     */
    @Test
    void aCodeRefusedForItsVerifierRedirectUriOrClientStaysRedeemable() {
        Pkce pkce = Pkce.create();
        String code = code("test-public", pkce);
        String exchange = "grant_type=authorization_code&client_id=test-public&code=" + code;
        error(token(exchange + "&redirect_uri=" + REDIRECT + "&code_verifier=" + Pkce.create().verifier()),
                HttpStatus.BAD_REQUEST, "invalid_grant", "code_verifier does not match the code_challenge");
        error(token(exchange + "&redirect_uri=" + REDIRECT + "%2Fother&code_verifier=" + pkce.verifier()),
                HttpStatus.BAD_REQUEST, "invalid_grant", "redirect_uri differs from the authorization request's");
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&code=" + code + "&redirect_uri=" + REDIRECT),
                HttpStatus.BAD_REQUEST, "invalid_grant", "The code was issued to another client");
        Map<String, Object> tokens = ok(token(exchange + "&redirect_uri=" + REDIRECT + "&code_verifier=" + pkce.verifier()));
        bearer((String) tokens.get("access_token")).expectStatus().isOk();
    }

    /**
     * (choice) A spent code presented by a request that fails its checks is refused like any
     * mismatch and revokes nothing: only a request that could have redeemed it is a replay.
     */
    @Test
    void aSpentCodePresentedByAnotherClientRevokesNothingWhileItsOwnClientsReplayRevokes() {
        Pkce pkce = Pkce.create();
        String code = code("test-public", pkce);
        String exchange = "grant_type=authorization_code&client_id=test-public&code=" + code + "&redirect_uri="
                + REDIRECT + "&code_verifier=" + pkce.verifier();
        Map<String, Object> tokens = ok(token(exchange));
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&code=" + code + "&redirect_uri=" + REDIRECT),
                HttpStatus.BAD_REQUEST, "invalid_grant", "The code was issued to another client");
        error(token("grant_type=authorization_code&client_id=test-public&code=" + code + "&redirect_uri=" + REDIRECT
                        + "&code_verifier=" + Pkce.create().verifier()),
                HttpStatus.BAD_REQUEST, "invalid_grant", "code_verifier does not match the code_challenge");
        bearer((String) tokens.get("access_token")).expectStatus().isOk();
        error(token(exchange), HttpStatus.BAD_REQUEST, "invalid_grant",
                "The code was already used; the tokens issued from it are revoked");
        bearer((String) tokens.get("access_token")).expectStatus().isUnauthorized();
    }

    @Test
    void aReplayedCodeFailsAndRevokesTheTokensIssuedFromIt() {
        Pkce pkce = Pkce.create();
        String code = code("test-public", pkce);
        String exchange = "grant_type=authorization_code&client_id=test-public&code=" + code + "&redirect_uri="
                + REDIRECT + "&code_verifier=" + pkce.verifier();
        Map<String, Object> tokens = ok(token(exchange));
        bearer((String) tokens.get("access_token")).expectStatus().isOk();

        error(token(exchange), HttpStatus.BAD_REQUEST, "invalid_grant", null);
        bearer((String) tokens.get("access_token")).expectStatus().isUnauthorized();
        error(token("grant_type=refresh_token&client_id=test-public&refresh_token=" + tokens.get("refresh_token")),
                HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void pkceMismatchIsInvalidGrant() {
        String code = code("test-public", Pkce.create());
        error(token("grant_type=authorization_code&client_id=test-public&code=" + code + "&redirect_uri=" + REDIRECT
                + "&code_verifier=" + Pkce.create().verifier()), HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void aVerifierForACodeIssuedWithoutChallengeIsRefused() {
        String code = code("test-web", null);
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&code=" + code + "&redirect_uri=" + REDIRECT + "&code_verifier=" + Pkce.create().verifier()),
                HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void aMissingVerifierForACodeWithChallengeIsRefused() {
        String code = code("test-web", Pkce.create());
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                + "&code=" + code + "&redirect_uri=" + REDIRECT), HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void aConfidentialClientWithoutPkceExchangesItsCode() {
        String code = code("test-web", null);
        ok(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                + "&code=" + code + "&redirect_uri=" + REDIRECT));
    }

    @Test
    void aRedirectUriOtherThanTheAuthorizeRequestsIsInvalidGrant() {
        String code = code("test-web", null);
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&code=" + code + "&redirect_uri=" + REDIRECT + "%2Fother"),
                HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void aCodeOfAnotherClientIsInvalidGrant() {
        String code = code("test-web", null);
        error(token("grant_type=authorization_code&client_id=test-public&code=" + code + "&redirect_uri=" + REDIRECT
                + "&code_verifier=" + Pkce.create().verifier()), HttpStatus.BAD_REQUEST, "invalid_grant", null);
    }

    @Test
    void theListedErrors() {
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET),
                HttpStatus.BAD_REQUEST, "invalid_request", "The parameter code is missing");
        error(token("grant_type=client_credentials&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                + "&client_id=test-web"), HttpStatus.BAD_REQUEST, "invalid_request", null);
        error(token("grant_type=authorization_code&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                + "&code=nope&redirect_uri=" + REDIRECT), HttpStatus.BAD_REQUEST, "invalid_grant", null);
        error(token("grant_type=telepathy&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET),
                HttpStatus.BAD_REQUEST, "unsupported_grant_type", null);
        error(token("grant_type=client_credentials&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                + "&scope=admin"), HttpStatus.BAD_REQUEST, "invalid_scope", null);
        error(token("grant_type=client_credentials&client_id=test-web&client_secret=wrong"),
                HttpStatus.UNAUTHORIZED, "invalid_client", null);
        error(token("grant_type=client_credentials&client_id=nobody&client_secret=x"),
                HttpStatus.UNAUTHORIZED, "invalid_client", null);
        error(token("grant_type=client_credentials"), HttpStatus.UNAUTHORIZED, "invalid_client", null);
        error(token("grant_type=client_credentials&client_id=test-public"),
                HttpStatus.UNAUTHORIZED, "unauthorized_client", null);
        error(token("grant_type=client_credentials&client_id=test-public&client_secret=guess"),
                HttpStatus.UNAUTHORIZED, "invalid_client", null);
    }

    @Test
    void aBodyOverTheLimitIsInvalidRequest() {
        error(token("grant_type=client_credentials&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&padding=" + "x".repeat(20 * 1024)),
                HttpStatus.BAD_REQUEST, "invalid_request", "The request body is too large");
    }

    @Test
    void aFailedBasicAuthenticationIsChallenged() {
        client.post().uri("/platform/oauth/request_token")
                .header(HttpHeaders.AUTHORIZATION, basic("test-web", "wrong"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"")
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    /** A code for {@link TestCredentials#USER}, with a PKCE challenge when {@code pkce} is given. */
    private String code(String clientId, Pkce pkce) {
        String query = "client_id=" + clientId + "&redirect_uri=" + REDIRECT
                + (pkce == null ? "" : "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        return Secrets.remember(parameters(new OAuthBrowserless(client, port).allow(query), false).get("code"));
    }

    private ResponseSpec token(String form) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }

    private ResponseSpec bearer(String token) {
        return client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static Map<String, Object> ok(ResponseSpec response) {
        Map<String, Object> body = response.expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectHeader().valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON).returnResult().getResponseBody();
        Secrets.remember((String) body.get("access_token"));
        if (body.get("refresh_token") != null) {
            Secrets.remember((String) body.get("refresh_token"));
        }
        return body;
    }

    private static void error(ResponseSpec response, HttpStatus status, String error, String description) {
        Map<String, Object> body = response.expectStatus().isEqualTo(status)
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(body).containsOnlyKeys("error", "error_description").containsEntry("error", error);
        if (description != null) {
            assertThat(body).containsEntry("error_description", description);
        }
    }
}
