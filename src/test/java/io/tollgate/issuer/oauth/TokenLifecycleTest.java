package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Secrets;
import io.tollgate.support.ShiftedClock;
import io.tollgate.support.TestCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** validate_token, invalidate_token and the RFC 8414 metadata. */
class TokenLifecycleTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    private ShiftedClock clock;

    @Test
    void validateTokenDescribesAValidToken() {
        String token = appToken();
        Map<String, Object> body = client.get().uri("/platform/oauth/validate_token?access_token=" + token).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(body).containsOnlyKeys("result", "expires_in", "scope", "client_id")
                .containsEntry("result", "OK")
                .containsEntry("scope", "profile")
                .containsEntry("client_id", "test-web");
        assertThat((Integer) body.get("expires_in")).isBetween(3590, 3600);
        client.post().uri("/platform/oauth/validate_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("access_token=" + token).exchange()
                .expectStatus().isOk();
    }

    @Test
    void validateTokenRefusesABadToken() {
        for (String query : new String[] {"access_token=garbage", "", "access_token="}) {
            client.get().uri("/platform/oauth/validate_token?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody(String.class)
                    .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"invalid token\"}");
        }
    }

    @Test
    void invalidateTokenRevokesEverywhereFromTheNextRequestOnEvenWhenCached() {
        String token = appToken();
        bearer(token).expectStatus().isOk();
        bearer(token).expectStatus().isOk();
        client.get().uri("/platform/oauth/invalidate_token?access_token=" + token).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
        bearer(token).expectStatus().isUnauthorized();
        client.get().uri("/platform/oauth/validate_token?access_token=" + token).exchange()
                .expectStatus().isBadRequest();
    }

    /**
     * The token is minted with the clock set back, so that it expired five seconds ago by the
     * system clock, which the verifier reads: within the 30 s skew it is still accepted, and its
     * revocation must last until the skew is past, not end at {@code exp}.
     */
    @Test
    void aTokenRevokedWithinTheClockSkewAfterItsExpiryStaysRevoked() {
        String token;
        try {
            clock.shift(Duration.ofHours(-1).minusSeconds(5));
            token = appToken();
        } finally {
            clock.shift(Duration.ZERO);
        }
        bearer(token).expectStatus().isOk();
        client.post().uri("/platform/oauth/invalidate_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
        bearer(token).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
                        + "error=\"invalid_token\", error_description=\"The access token is invalid\"")
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}");
        client.get().uri("/platform/oauth/validate_token?access_token=" + token).exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"invalid token\"}");
    }

    @Test
    void invalidateTokenTakesRfc7009sTokenParameterByPost() {
        String token = appToken();
        client.post().uri("/platform/oauth/invalidate_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token + "&token_type_hint=access_token").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
        bearer(token).expectStatus().isUnauthorized();
    }

    @Test
    void invalidatingARefreshTokenRevokesItsFamily() {
        Map<String, Object> tokens = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password&client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET
                        + "&username=alice&password=" + TestCredentials.PASSWORD)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        String access = Secrets.remember((String) tokens.get("access_token"));
        String refresh = Secrets.remember((String) tokens.get("refresh_token"));
        bearer(access).expectStatus().isOk();
        client.post().uri("/platform/oauth/invalidate_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + refresh + "&token_type_hint=refresh_token").exchange()
                .expectStatus().isOk();
        bearer(access).expectStatus().isUnauthorized();
        client.post().uri("/platform/oauth/request_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&client_id=test-trusted&client_secret="
                        + TestCredentials.TRUSTED_SECRET + "&refresh_token=" + refresh)
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void invalidateTokenAlwaysAnswersOk() {
        for (String query : new String[] {"access_token=garbage", ""}) {
            client.get().uri("/platform/oauth/invalidate_token?" + query).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
        }
    }

    @Test
    void metadataDescribesTheServer() {
        Map<String, Object> metadata = client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(metadata)
                .containsEntry("issuer", "http://localhost:8080")
                .containsEntry("authorization_endpoint", "http://localhost:8080/platform/oauth/authorize")
                .containsEntry("token_endpoint", "http://localhost:8080/platform/oauth/request_token")
                .containsEntry("jwks_uri", "http://localhost:8080/.well-known/jwks.json")
                .containsEntry("revocation_endpoint", "http://localhost:8080/platform/oauth/invalidate_token")
                .containsEntry("response_types_supported", List.of("code", "token"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("token_endpoint_auth_methods_supported",
                        List.of("client_secret_basic", "client_secret_post", "none"))
                .containsEntry("grant_types_supported",
                        List.of("authorization_code", "implicit", "refresh_token", "client_credentials", "password"));
        assertThat(metadata.get("scopes_supported")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .contains("profile", "family", "content:read");
    }

    private String appToken() {
        Map<String, Object> body = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET
                        + "&scope=profile")
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return Secrets.remember((String) body.get("access_token"));
    }

    private ResponseSpec bearer(String token) {
        return client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
