package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.support.Demo;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** Dialect 1 over real HTTP: every row of the design's brand table, status and body exactly. */
class BrandDialectTest extends IntegrationTest {

    private static final String UNEXPECTED =
            "{\"code\":\"1099\",\"message\":\"An unexpected error occurred processing the request\",\"data\":{}}";
    private static final String BRAND_NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";
    private static final String INVALID_USE = "{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}";

    @Test
    void validKeyAndSecretGetATokenInTheHeader() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        var result = auth(MediaType.APPLICATION_JSON, credentials(Demo.BRAND_KEY, Demo.BRAND_SECRET))
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .returnResult();
        assertThat(new String(result.getResponseBodyContent()))
                .isEqualTo("{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}");
        SignedJWT jwt = SignedJWT.parse(Secrets.remember(result.getResponseHeaders().getFirst("gn-access-token")));

        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(TestKeys.ACTIVE.getKeyID());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080");
        assertThat(claims.getSubject()).isEqualTo("acme");
        assertThat(claims.getAudience()).containsExactly("tollgate");
        assertThat(claims.getStringClaim("kind")).isEqualTo("brand");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("acme");
        assertThat(claims.getStringClaim("scope")).isEqualTo("content:read content:write");
        assertThat(claims.getJWTID()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(claims.getIssueTime().toInstant()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(jwt.verify(new RSASSAVerifier(TestKeys.ACTIVE.toRSAPublicKey()))).isTrue();
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        String first = brandToken();
        String second = brandToken();
        assertThat(SignedJWT.parse(first).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{not json",
        "[\"ak_demo_acme\",\"secret\"]",
        "\"just a string\"",
        "{\"api_key\":42,\"api_secret\":\"x\"}",
        "{\"api_key\":\"ak_demo_acme\",\"api_secret\":{\"nested\":true}}",
        "{\"api_key\":[\"ak_demo_acme\"],\"api_secret\":\"x\"}"
    })
    void malformedJsonNonObjectsAndWrongTypesAre1099(String body) {
        expectBody(auth(MediaType.APPLICATION_JSON, body), HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void unsupportedContentTypeIs1099() {
        expectBody(auth(MediaType.TEXT_PLAIN, credentials(Demo.BRAND_KEY, Demo.BRAND_SECRET)),
                HttpStatus.BAD_REQUEST, UNEXPECTED);
        expectBody(auth(MediaType.APPLICATION_FORM_URLENCODED,
                        "api_key=" + Demo.BRAND_KEY + "&api_secret=" + Demo.BRAND_SECRET),
                HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void missingContentTypeIs1099() {
        expectBody(client.post().uri("/api/thirdparty/auth")
                        .bodyValue(credentials(Demo.BRAND_KEY, Demo.BRAND_SECRET).getBytes())
                        .exchange(),
                HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void emptyBodyIs1099() {
        expectBody(client.post().uri("/api/thirdparty/auth").contentType(MediaType.APPLICATION_JSON).exchange(),
                HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void bodyOverTheLimitIs1099() {
        String padding = "x".repeat(20 * 1024);
        String body = "{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + Demo.BRAND_SECRET
                + "\",\"padding\":\"" + padding + "\"}";
        expectBody(auth(MediaType.APPLICATION_JSON, body), HttpStatus.BAD_REQUEST, UNEXPECTED);
    }

    @Test
    void jsonWithCharsetIsAccepted() {
        auth(MediaType.parseMediaType("application/json;charset=UTF-8"), credentials(Demo.BRAND_KEY, Demo.BRAND_SECRET))
                .expectStatus().isOk()
                .expectHeader().exists("gn-access-token");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"api_secret\":\"sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c\"}",
        "{\"api_key\":\"ak_demo_acme\"}",
        "{\"api_key\":\"ak_demo_acme\",\"api_secret\":\"\"}",
        "{\"api_key\":\"ak_demo_acme\",\"api_secret\":\"   \"}",
        "{\"api_key\":\" \",\"api_secret\":\"sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c\"}",
        "{\"api_key\":null,\"api_secret\":\"sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c\"}",
        "{\"api_key\":\"ak_unknown\",\"api_secret\":\"sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c\"}",
        "{\"api_key\":\"ak_demo_acme\",\"api_secret\":\"sk_demo_acme_wrong\"}",
        "{\"api_key\":\"ak_demo_dormant\",\"api_secret\":\"sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c\"}"
    })
    void missingBlankUnknownOrWrongCredentialsAre5235(String body) {
        expectBody(auth(MediaType.APPLICATION_JSON, body), HttpStatus.NOT_FOUND, BRAND_NOT_EXISTS);
    }

    @Test
    void suspendedBrandIs5166() {
        expectBody(auth(MediaType.APPLICATION_JSON,
                        credentials(Demo.SUSPENDED_BRAND_KEY, Demo.SUSPENDED_BRAND_SECRET)),
                HttpStatus.PRECONDITION_FAILED, INVALID_USE);
    }

    @Test
    void onlyPostReachesTheIssuer() {
        client.get().uri("/api/thirdparty/auth").exchange().expectStatus().isNotFound();
    }

    @Test
    void theIssuerCannotBeReachedAroundItsRoute() {
        // The handlers answer forwarded exchanges only: a path no route forwards stays unknown.
        client.post().uri("/api/thirdparty/auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(credentials(Demo.BRAND_KEY, Demo.BRAND_SECRET))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().doesNotExist("gn-access-token");
    }

    private ResponseSpec auth(MediaType contentType, String body) {
        return client.post().uri("/api/thirdparty/auth").contentType(contentType).bodyValue(body).exchange();
    }

    private static void expectBody(ResponseSpec response, HttpStatus status, String body) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().doesNotExist("gn-access-token")
                .expectBody(String.class).isEqualTo(body);
    }

    private static String credentials(String key, String secret) {
        return "{\"api_key\":\"" + key + "\",\"api_secret\":\"" + secret + "\"}";
    }

}
