package io.tollgate.gateway;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Tokens;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** The {@code bearer} (RFC 6750) rejection rules over real HTTP: status, challenge and body exactly. */
class BearerDialectTest extends IntegrationTest {

    private static final String INVALID_CHALLENGE = "Bearer realm=\"tollgate\", error=\"invalid_token\", "
            + "error_description=\"The access token is invalid\"";
    private static final String INVALID_BODY =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";

    @Test
    void channelTokenReachesTheUpstream() {
        bearer("/demo/bearer/orders", channelToken())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("channel_user")
                .jsonPath("$.headers['x-auth-kind']").isEqualTo("channel");
    }

    @Test
    void schemeNameIsCaseInsensitive() {
        client.get().uri("/demo/bearer/orders").header(HttpHeaders.AUTHORIZATION, "bEaReR " + channelToken())
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void noTokenIs401WithABareChallenge() {
        expect(client.get().uri("/demo/bearer/orders").exchange(), HttpStatus.UNAUTHORIZED,
                "Bearer realm=\"tollgate\"",
                "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}");
    }

    @Test
    void gnAccessTokenIsNotABearerSchemeHere() {
        expect(client.get().uri("/demo/bearer/orders").header("gn-access-token", channelToken()).exchange(),
                HttpStatus.UNAUTHORIZED, "Bearer realm=\"tollgate\"",
                "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}");
    }

    @Test
    void badTokenIs401InvalidToken() {
        expect(bearer("/demo/bearer/orders", "abc.def.ghi"), HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE,
                INVALID_BODY);
        expect(bearer("/demo/bearer/orders", Tokens.sign(Tokens.brandClaims().issuer("https://evil").build())),
                HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE, INVALID_BODY);
    }

    @Test
    void expiredTokenIs401InvalidTokenExpired() {
        Instant longAgo = Instant.now().minusSeconds(7200);
        String expired = Tokens.sign(Tokens.brandClaims()
                .claim("kind", "channel")
                .issueTime(Date.from(longAgo))
                .expirationTime(Date.from(longAgo.plusSeconds(3600)))
                .build());
        expect(bearer("/demo/bearer/orders", expired), HttpStatus.UNAUTHORIZED,
                "Bearer realm=\"tollgate\", error=\"invalid_token\", error_description=\"The access token expired\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}");
    }

    @Test
    void missingScopeIs403InsufficientScopeNamingTheScopes() {
        expect(bearer("/test/bearer-admin/x", channelToken()), HttpStatus.FORBIDDEN,
                "Bearer realm=\"tollgate\", error=\"insufficient_scope\", "
                        + "error_description=\"The access token lacks a required scope\", "
                        + "scope=\"content:admin content:read\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token lacks a required scope\"}");
    }

    @Test
    void wrongKindIs403InsufficientScope() {
        expect(bearer("/demo/bearer/orders", brandToken()), HttpStatus.FORBIDDEN,
                "Bearer realm=\"tollgate\", error=\"insufficient_scope\", "
                        + "error_description=\"The access token's kind is not accepted here\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token's kind is not accepted here\"}");
    }

    @Test
    void wrongAudienceIs401InvalidToken() {
        expect(bearer("/test/bearer-audience/x", channelToken()), HttpStatus.UNAUTHORIZED,
                "Bearer realm=\"tollgate\", error=\"invalid_token\", "
                        + "error_description=\"The access token is not meant for this resource\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token is not meant for this resource\"}");
    }

    @Test
    void twoDifferentBearerTokensIs400InvalidRequest() {
        expect(client.get().uri("/demo/bearer/orders")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + channelToken(), "Bearer " + channelToken())
                        .exchange(),
                HttpStatus.BAD_REQUEST,
                "Bearer realm=\"tollgate\", error=\"invalid_request\", error_description=\"Ambiguous credentials\"",
                "{\"error\":\"invalid_request\",\"error_description\":\"Ambiguous credentials\"}");
    }

    @Test
    void routeWithoutPolicyRequiresAToken() {
        expect(client.get().uri("/test/default/x").exchange(), HttpStatus.UNAUTHORIZED, "Bearer realm=\"tollgate\"",
                "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}");
        bearer("/test/default/x", brandToken()).expectStatus().isOk();
    }

    @Test
    void optionalRouteAdmitsAnonymousButNotBadTokens() {
        client.get().uri("/test/optional/x").exchange().expectStatus().isOk();
        expect(bearer("/test/optional/x", "garbage"), HttpStatus.UNAUTHORIZED, INVALID_CHALLENGE, INVALID_BODY);
        bearer("/test/optional/x", channelToken()).expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-auth-subject']").isEqualTo("channel_user");
    }

    private ResponseSpec bearer(String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static void expect(ResponseSpec response, HttpStatus status, String challenge, String body) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .expectBody(String.class).isEqualTo(body);
    }
}
