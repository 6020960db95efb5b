package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;

class PageTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");

    @Test
    void aTokenIsValidForItsUseUntilItsLifetimeEnds() {
        String token = tokensAt(NOW).sign("login", new JWTClaimsSet.Builder().claim("sid", "x"));
        assertThat(tokensAt(NOW).verify("login", token).getClaim("sid")).isEqualTo("x");
        assertThat(tokensAt(NOW.plus(Duration.ofMinutes(15)).minusMillis(1)).verify("login", token)).isNotNull();
        assertThat(tokensAt(NOW.plus(Duration.ofMinutes(15))).verify("login", token)).isNull();
        assertThat(tokensAt(NOW).verify("consent", token)).isNull();
        assertThat(tokensAt(NOW).verify("login", null)).isNull();
    }

    @Test
    void onlyTheSecretsOwnPageTokensPass() throws JOSEException {
        byte[] other = Arrays.copyOf(SECRET, SECRET.length);
        other[0] ^= 1;
        String foreign = new PageTokens(() -> keys(other), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15))
                .sign("login", new JWTClaimsSet.Builder());
        assertThat(tokensAt(NOW).verify("login", foreign)).isNull();

        // The same secret, but not a page token's header.
        SignedJWT plainJwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
        plainJwt.sign(new MACSigner(SECRET));
        assertThat(tokensAt(NOW).verify("login", plainJwt.serialize())).isNull();
        SignedJWT otherType = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims());
        otherType.sign(new MACSigner(SECRET));
        assertThat(tokensAt(NOW).verify("login", otherType.serialize())).isNull();
    }

    @Test
    void theCookieIsSecureExactlyWhenTheRequestCameOverHttps() {
        PageSessions sessions = new PageSessions(tokensAt(NOW));
        ResponseCookie https = sessions.cookie(PageSession.anonymous(),
                MockServerRequest.builder().uri(URI.create("https://sso.example/platform/oauth/authorize")).build());
        ResponseCookie http = sessions.cookie(PageSession.anonymous(),
                MockServerRequest.builder().uri(URI.create("http://localhost/platform/oauth/authorize")).build());
        assertThat(https.isSecure()).isTrue();
        assertThat(http.isSecure()).isFalse();
        for (ResponseCookie cookie : new ResponseCookie[] {https, http}) {
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Lax");
            assertThat(cookie.getPath()).isEqualTo("/platform/oauth/authorize");
            assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(15));
        }
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().claim("use", "login").expirationTime(Date.from(NOW.plusSeconds(60))).build();
    }

    private static PageTokens tokensAt(Instant instant) {
        return new PageTokens(() -> keys(SECRET), Clock.fixed(instant, ZoneOffset.UTC), Duration.ofMinutes(15));
    }

    private static PageKeys keys(byte[] secret) {
        return PageKeys.of("k", Map.of("k", secret));
    }
}
