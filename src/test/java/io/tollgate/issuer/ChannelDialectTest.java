package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.support.Demo;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Secrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** Dialect 2 over real HTTP: every row of the design's channel table, plain text exactly. */
class ChannelDialectTest extends IntegrationTest {

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

    @Test
    void formBodyGetsAPlainTextToken() throws Exception {
        String token = expectToken(form("username=" + Demo.CHANNEL_USER + "&password=" + Demo.CHANNEL_PASSWORD));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("channel_user");
        assertThat(claims.getStringClaim("kind")).isEqualTo("channel");
        assertThat(claims.getStringClaim("scope")).isEqualTo("connectivity");
        assertThat(claims.getClaim("client_id")).isNull();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void queryStringGetsAToken() {
        expectToken(client.post()
                .uri("/generateToken?username=" + Demo.CHANNEL_USER + "&password=" + Demo.CHANNEL_PASSWORD)
                .exchange());
    }

    @ParameterizedTest
    @CsvSource({"Username,Password", "USERNAME,PASSWORD", "userName,passWord"})
    void fieldNamesMatchInAnyCase(String usernameField, String passwordField) {
        expectToken(form(usernameField + "=" + Demo.CHANNEL_USER + "&" + passwordField + "=" + Demo.CHANNEL_PASSWORD));
        expectToken(client.post()
                .uri("/generateToken?" + usernameField + "=" + Demo.CHANNEL_USER + "&" + passwordField + "="
                        + Demo.CHANNEL_PASSWORD)
                .exchange());
    }

    @Test
    void formFieldsWinOverTheQueryString() {
        expectToken(client.post()
                .uri("/generateToken?username=" + Demo.CHANNEL_USER + "&password=wrong")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("password=" + Demo.CHANNEL_PASSWORD)
                .exchange());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''",
        "username=channel_user",
        "password=550e8400-e29b-41d4-a716-446655440000",
        "username=&password=550e8400-e29b-41d4-a716-446655440000",
        "username=nobody&password=550e8400-e29b-41d4-a716-446655440000",
        "username=channel_user&password=550e8400-e29b-41d4-a716-000000000000",
        "username=channel_expired&password=550e8400-e29b-41d4-a716-446655440000"
    })
    void missingFieldUnknownUserOrWrongPasswordIs401(String body) {
        expectText(form(body), HttpStatus.UNAUTHORIZED, "invalid username or password");
    }

    @Test
    void noBodyAndNoQueryIs401() {
        expectText(client.post().uri("/generateToken").exchange(), HttpStatus.UNAUTHORIZED,
                "invalid username or password");
    }

    @Test
    void accountStateForbiddingTokensIs403() {
        expectText(form("username=" + Demo.EXPIRED_CHANNEL_USER + "&password=" + Demo.EXPIRED_CHANNEL_PASSWORD),
                HttpStatus.FORBIDDEN, "token expired");
    }

    @Test
    void jsonBodyIsNotReadSoCredentialsInItAreMissing() {
        expectText(client.post().uri("/generateToken")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"username\":\"channel_user\",\"password\":\"" + Demo.CHANNEL_PASSWORD + "\"}")
                        .exchange(),
                HttpStatus.UNAUTHORIZED, "invalid username or password");
    }

    @Test
    void formOverTheBodyLimitIs413() {
        expectText(form("username=" + Demo.CHANNEL_USER + "&password=" + Demo.CHANNEL_PASSWORD + "&padding="
                        + "x".repeat(20 * 1024)),
                HttpStatus.CONTENT_TOO_LARGE, "request too large");
    }

    private ResponseSpec form(String body) {
        return client.post().uri("/generateToken")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(body)
                .exchange();
    }

    private static String expectToken(ResponseSpec response) {
        String token = response.expectStatus().isOk()
                .expectHeader().contentType(TEXT)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        return Secrets.remember(token);
    }

    private static void expectText(ResponseSpec response, HttpStatus status, String body) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(TEXT)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class).isEqualTo(body);
    }
}
