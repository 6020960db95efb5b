package io.tollgate.gateway;

import com.nimbusds.jose.JOSEObjectType;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Tokens;
import io.tollgate.store.RevocationStore;
import java.time.Instant;
import java.util.Date;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** The {@code genuin} rejection table over real HTTP, each row's status and body exactly. */
class GenuinDialectTest extends IntegrationTest {

    static final String MISSING = "{\"code\":\"4010\",\"message\":\"Access token missing.\",\"data\":{}}";
    static final String INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    static final String EXPIRED = "{\"code\":\"4012\",\"message\":\"Access token expired.\",\"data\":{}}";
    static final String DENIED = "{\"code\":\"4030\",\"message\":\"Access denied.\",\"data\":{}}";
    static final String UNEXPECTED =
            "{\"code\":\"1099\",\"message\":\"An unexpected error occurred processing the request\",\"data\":{}}";

    @Autowired
    RevocationStore revocations;

    @Test
    void brandTokenInGnAccessTokenReachesTheUpstream() {
        client.get().uri("/demo/genuin/items").header("gn-access-token", brandToken()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/demo/genuin/items")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("acme");
    }

    @Test
    void brandTokenAsBearerIsAcceptedToo() {
        client.get().uri("/demo/genuin/items").header(HttpHeaders.AUTHORIZATION, "Bearer " + brandToken()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void noTokenIs4010() {
        expect(client.get().uri("/demo/genuin/items").exchange(), HttpStatus.UNAUTHORIZED, MISSING);
    }

    @Test
    void anotherAuthorizationSchemeCountsAsNoToken() {
        expect(client.get().uri("/demo/genuin/items").header(HttpHeaders.AUTHORIZATION, "Basic YWNtZTpzZWNyZXQ=")
                .exchange(), HttpStatus.UNAUTHORIZED, MISSING);
    }

    @Test
    void malformedTokenIs4011() {
        expect(gn("not-a-jwt"), HttpStatus.UNAUTHORIZED, INVALID);
        expect(gn(""), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void badSignatureIs4011() {
        String token = brandToken();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        expect(gn(tampered), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void wrongIssuerIs4011() {
        expect(gn(Tokens.sign(Tokens.brandClaims().issuer("https://evil.example").build())),
                HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void wrongTypeIs4011() {
        String token = Tokens.sign(Tokens.activeHeader().type(JOSEObjectType.JWT).build(),
                Tokens.brandClaims().build(), Tokens.activeSigner());
        expect(gn(token), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void revokedTokenIs4011() throws Exception {
        String token = brandToken();
        gn(token).expectStatus().isOk();
        SignedJWT jwt = SignedJWT.parse(token);
        revocations.revoke(jwt.getJWTClaimsSet().getJWTID(), jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .block();
        expect(gn(token), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void expiredTokenIs4012() {
        Instant longAgo = Instant.now().minusSeconds(7200);
        String token = Tokens.sign(Tokens.brandClaims()
                .issueTime(Date.from(longAgo))
                .expirationTime(Date.from(longAgo.plusSeconds(3600)))
                .build());
        expect(gn(token), HttpStatus.UNAUTHORIZED, EXPIRED);
    }

    @Test
    void wrongKindIs4030() {
        expect(gn(channelToken()), HttpStatus.FORBIDDEN, DENIED);
    }

    @Test
    void missingScopeIs4030() {
        expect(client.get().uri("/test/genuin-admin/x").header("gn-access-token", brandToken()).exchange(),
                HttpStatus.FORBIDDEN, DENIED);
        client.get().uri("/test/genuin-write/x").header("gn-access-token", brandToken()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void wrongAudienceIs4030() {
        expect(client.get().uri("/test/genuin-audience/x").header("gn-access-token", brandToken()).exchange(),
                HttpStatus.FORBIDDEN, DENIED);
        String forContentApi = Tokens.sign(Tokens.brandClaims().audience("content-api").build());
        client.get().uri("/test/genuin-audience/x").header("gn-access-token", forContentApi).exchange()
                .expectStatus().isOk();
    }

    @Test
    void bothHeadersWithDifferentTokensIs1099() {
        expect(client.get().uri("/demo/genuin/items")
                        .header("gn-access-token", brandToken())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + brandToken())
                        .exchange(),
                HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void twoDifferentTokensInOneHeaderIs1099() {
        expect(client.get().uri("/demo/genuin/items")
                        .header("gn-access-token", brandToken(), brandToken())
                        .exchange(),
                HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void bothHeadersWithTheSameTokenPass() {
        String token = brandToken();
        client.get().uri("/demo/genuin/items")
                .header("gn-access-token", token)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk();
    }

    private ResponseSpec gn(String token) {
        return client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange();
    }

    static void expect(ResponseSpec response, HttpStatus status, String body) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(String.class).isEqualTo(body);
    }
}
