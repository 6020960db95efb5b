package io.tollgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.ShiftedClock;
import io.tollgate.support.Standalone;
import io.tollgate.support.StoredHash;
import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Accounts with several secrets, one of them rotated out with a {@code not-after} an hour from the
 * start, and accounts suspended in the file, against a running gateway. The application clock is
 * moved past the {@code not-after} while it runs: the old secret is then refused in each dialect
 * exactly as a wrong one, the new one keeps working.
 */
class OverlappingSecretsTest {

    private static final String NEW = Secrets.remember("sk_new_7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e");
    private static final String OLD = Secrets.remember("sk_old_1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a");
    private static final String NEW_PASSWORD = Secrets.remember("new person password");
    private static final String OLD_PASSWORD = Secrets.remember("old person password");
    private static final String TRUSTED_SECRET = Secrets.remember("sk_trusted_2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c");
    private static final String REDIRECT = TestCredentials.REDIRECT_URI;

    private static final String BRAND_NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";
    private static final String ISSUED = "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}";
    private static final String INVALID_CLIENT =
            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";
    private static final String INVALID_GRANT =
            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid resource owner credentials\"}";

    private static Instant notAfter;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    private static ShiftedClock clock;

    @BeforeAll
    static void start() throws IOException {
        notAfter = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Path file = Files.createTempFile("tollgate-overlapping-secrets", ".yml");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                tollgate:
                  credentials:
                    brands:
                      - id: rotating
                        api-key: ak_rotating
                        api-secrets:
                          - hash: "%1$s"
                          - hash: "%2$s"
                            not-after: %3$s
                      - id: near-expiry
                        api-key: ak_near_expiry
                        api-secrets:
                          - hash: "%2$s"
                            not-after: %3$s
                    channel-users:
                      - username: rotating_channel
                        passwords:
                          - hash: "%1$s"
                          - hash: "%2$s"
                            not-after: %3$s
                    clients:
                      - client-id: rotating-app
                        client-secrets:
                          - hash: "%1$s"
                          - hash: "%2$s"
                            not-after: %3$s
                        grant-types: [client_credentials]
                      - client-id: expiring-app
                        client-secrets:
                          - hash: "%2$s"
                            not-after: %3$s
                        redirect-uris: [%4$s]
                        grant-types: [authorization_code, client_credentials]
                      - client-id: suspended-app
                        client-secret: "%1$s"
                        redirect-uris: [%4$s]
                        grant-types: [authorization_code, client_credentials]
                        status: suspended
                      - client-id: suspended-spa
                        redirect-uris: [%4$s]
                        grant-types: [authorization_code]
                        status: suspended
                      - client-id: trusted-app
                        client-secret: "%5$s"
                        redirect-uris: [%4$s]
                        grant-types: [password, authorization_code]
                        trusted: true
                    users:
                      - username: rotating-person
                        passwords:
                          - hash: "%6$s"
                          - hash: "%7$s"
                            not-after: %3$s
                      - username: suspended-person
                        password: "%6$s"
                        status: suspended
                """.formatted(StoredHash.sha256(NEW), StoredHash.sha256(OLD), notAfter, REDIRECT,
                StoredHash.sha256(TRUSTED_SECRET), StoredHash.bcrypt(NEW_PASSWORD), StoredHash.bcrypt(OLD_PASSWORD)));
        gateway = Standalone.startWithTestKeys(
                "--tollgate.credentials.location=file:" + file,
                "--tollgate.issuer.lockout.address-max-failures=100000",
                "--tollgate.issuer.lockout.user-max-failures=100000",
                "--tollgate.rate-limit.client-address.burst-capacity=100000");
        client = Standalone.client(gateway);
        clock = gateway.getBean(ShiftedClock.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @AfterEach
    void clockBack() {
        clock.shift(Duration.ZERO);
    }

    @Test
    void bothSecretsWorkUntilTheOldOnesNotAfterThenTheOldOneIsAWrongOne() {
        brand("ak_rotating", NEW).expectStatus().isOk().expectBody().json(ISSUED, true);
        brand("ak_rotating", OLD).expectStatus().isOk().expectBody().json(ISSUED, true);
        channel(NEW).expectStatus().isOk();
        channel(OLD).expectStatus().isOk();
        clientCredentials("rotating-app", NEW).expectStatus().isOk();
        clientCredentials("rotating-app", OLD).expectStatus().isOk();
        password("rotating-person", NEW_PASSWORD).expectStatus().isOk();
        password("rotating-person", OLD_PASSWORD).expectStatus().isOk();

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        brand("ak_rotating", OLD).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json(BRAND_NOT_EXISTS, true);
        brand("ak_rotating", NEW).expectStatus().isOk().expectBody().json(ISSUED, true);
        channel(OLD).expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("invalid username or password");
        channel(NEW).expectStatus().isOk();
        clientCredentials("rotating-app", OLD).expectStatus().isUnauthorized()
                .expectBody().json(INVALID_CLIENT, true);
        clientCredentials("rotating-app", NEW).expectStatus().isOk();
        password("rotating-person", OLD_PASSWORD).expectStatus().isBadRequest()
                .expectBody().json(INVALID_GRANT, true);
        password("rotating-person", NEW_PASSWORD).expectStatus().isOk();
    }

    /** Its type is confidential whatever its secrets' expiry: with its last secret expired it is refused, not public. */
    @Test
    void aConfidentialClientWhoseEverySecretExpiredIsRefusedNotPublic() {
        clientCredentials("expiring-app", OLD).expectStatus().isOk();

        clock.advance(Duration.ofHours(2));

        clientCredentials("expiring-app", OLD).expectStatus().isUnauthorized()
                .expectBody().json(INVALID_CLIENT, true);
        token("grant_type=authorization_code&client_id=expiring-app&code=any&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier="
                + OAuthBrowserless.Pkce.create().verifier())
                .expectStatus().isUnauthorized()
                .expectBody().json(INVALID_CLIENT, true);
    }

    @Test
    void aUseOfASecretNearItsNotAfterIsCountedEveryTimeAndAuditedOncePerHour() {
        double before = expiringUses("brand");
        brand("ak_near_expiry", OLD).expectStatus().isOk();
        brand("ak_near_expiry", OLD).expectStatus().isOk();
        brand("ak_rotating", NEW).expectStatus().isOk();
        assertThat(expiringUses("brand")).isEqualTo(before + 2);
        double clientsBefore = expiringUses("client");
        clientCredentials("rotating-app", OLD).expectStatus().isOk();
        assertThat(expiringUses("client")).isEqualTo(clientsBefore + 1);

        assertThat(LogCapture.linesContainingAny(List.of("credentials.secret.expiring kind=brand account=near-expiry")))
                .containsExactly("credentials.secret.expiring kind=brand account=near-expiry not-after=" + notAfter);
        assertThat(LogCapture.linesContainingAny(List.of("credentials.secret.expiring kind=client account=rotating-app")))
                .contains("credentials.secret.expiring kind=client account=rotating-app not-after=" + notAfter);
    }

    @Test
    void aSuspendedClientCannotAuthenticateNorBeUsedToAuthorize() {
        clientCredentials("suspended-app", NEW).expectStatus().isUnauthorized()
                .expectBody().json(INVALID_CLIENT, true);
        for (String suspended : List.of("suspended-app", "suspended-spa")) {
            EntityExchangeResult<String> page = new OAuthBrowserless(client, Standalone.port(gateway))
                    .authorize("client_id=" + suspended + "&redirect_uri="
                            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_challenge="
                            + OAuthBrowserless.Pkce.create().challenge() + "&code_challenge_method=S256");
            assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(page.getResponseHeaders().getLocation()).isNull();
            assertThat(page.getResponseBody()).contains("This application is not registered.");
        }
    }

    @Test
    void aSuspendedPersonCannotSignIn() {
        password("suspended-person", NEW_PASSWORD).expectStatus().isBadRequest()
                .expectBody().json(INVALID_GRANT, true);
        OAuthBrowserless browser = new OAuthBrowserless(client, Standalone.port(gateway));
        assertThat(browser.authorize("client_id=trusted-app&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)).getStatus()).isEqualTo(HttpStatus.OK);
        EntityExchangeResult<String> login = browser.login("suspended-person", NEW_PASSWORD);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login.getResponseBody()).contains("Wrong username or password.");
    }

    private static WebTestClient.ResponseSpec brand(String apiKey, String secret) {
        return Issuance.brandRequest(client, apiKey, secret);
    }

    private static WebTestClient.ResponseSpec channel(String password) {
        return Issuance.channelRequest(client, "rotating_channel", password);
    }

    private static WebTestClient.ResponseSpec clientCredentials(String clientId, String secret) {
        return client.post().uri("/platform/oauth/request_token")
                .header(HttpHeaders.AUTHORIZATION, OAuthBrowserless.basic(clientId, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange();
    }

    private static WebTestClient.ResponseSpec password(String username, String password) {
        return token("grant_type=password&username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&client_id=trusted-app&client_secret="
                + TRUSTED_SECRET);
    }

    private static WebTestClient.ResponseSpec token(String form) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }

    private static double expiringUses(String kind) {
        String scrape = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher matcher = Pattern.compile("(?m)^tollgate_credential_expiring_uses_total\\{[^}]*kind=\"" + kind
                + "\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as("tollgate_credential_expiring_uses_total{kind=%s} is exported", kind).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
