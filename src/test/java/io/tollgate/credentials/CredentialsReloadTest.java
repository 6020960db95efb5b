package io.tollgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.SecretVolume;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.StoredHash;
import io.tollgate.support.TestCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The credentials file mounted as a Kubernetes Secret volume ({@code ..data} symlink swapped
 * atomically for each new version) under a running gateway: a new version is in force without a
 * restart, its changes are audited, and a version that fails the start's checks is refused while
 * the last good one keeps serving.
 */
class CredentialsReloadTest {

    private static final String ACME_SECRET = "sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c";
    private static final String LEAVING_SECRET = Secrets.remember("sk_leaving_5e7a9c1b3d5f7a9c1e3b5d7f9a1c3e5b");
    private static final String JOINING_SECRET = Secrets.remember("sk_joining_8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a");
    private static final String PERSON_PASSWORD = Secrets.remember("paula's pages password");
    private static final String PERSON_HASH = StoredHash.bcrypt(PERSON_PASSWORD);
    private static final String CLEAR_TEXT = Secrets.remember("sk_clear_text_3c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3d");
    private static final String ISSUED = "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}";
    private static final String BRAND_NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";

    private static Path directory;
    private static SecretVolume volume;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    private static WebTestClient management;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("tollgate-secret-volume");
        volume = SecretVolume.create(directory, "credentials.yml", file(brand("leaving", LEAVING_SECRET), "profile"));
        gateway = Standalone.startWithTestKeys(
                "--tollgate.credentials.location=file:" + volume.file(),
                "--tollgate.reload.poll-interval=200ms",
                "--tollgate.issuer.lockout.address-max-failures=100000",
                "--tollgate.rate-limit.client-address.burst-capacity=100000");
        client = Standalone.client(gateway);
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + Standalone.managementPort(gateway)).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aNewVersionAddsABrandThatGetsATokenAndRemovesOneThatIsThenRefused() {
        volume.publish(file(brand("leaving", LEAVING_SECRET), "profile"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                Issuance.brandRequest(client, "ak_leaving", LEAVING_SECRET).expectStatus().isOk());
        assertThat(metadata()).containsEntry("scopes_supported", List.of("profile"));

        String next = file(brand("joining", JOINING_SECRET), "profile reloaded:scope");
        volume.publish(next);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                Issuance.brandRequest(client, "ak_joining", JOINING_SECRET).expectStatus().isOk()
                        .expectBody().json(ISSUED, true));
        Issuance.brandRequest(client, "ak_leaving", LEAVING_SECRET).expectStatus().isNotFound()
                .expectBody().json(BRAND_NOT_EXISTS, true);
        Issuance.brandRequest(client, "ak_demo_acme", ACME_SECRET).expectStatus().isOk();

        assertThat(LogCapture.linesContainingAny(List.of("credentials.account.")))
                .contains("credentials.account.added kind=brand account=joining",
                        "credentials.account.removed kind=brand account=leaving");
        assertThat(metadata()).containsEntry("scopes_supported", List.of("profile", "reloaded:scope"));
        assertThat(scrape()).containsPattern("(?m)^tollgate_config_info\\{[^}]*checksum=\"" + SecretVolume.checksumOf(next)
                + "\",file=\"credentials\"[^}]*} 1(\\.0)?$");
    }

    @Test
    void aVersionThatFailsTheChecksIsRefusedInOneLineAndTheLastGoodOneKeepsServing() {
        String good = file(brand("steady", JOINING_SECRET), "profile");
        volume.publish(good);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                Issuance.brandRequest(client, "ak_steady", JOINING_SECRET).expectStatus().isOk());
        double rejected = rejectedReloads();

        volume.publish(file("""
                      - id: careless
                        api-key: ak_careless
                        api-secret: %s
                """.formatted(CLEAR_TEXT), "profile"));

        await().atMost(Duration.ofSeconds(10)).until(() -> rejectedReloads() > rejected);
        assertThat(LogCapture.linesContainingAny(List.of("brand careless"))).containsOnly("credentials reload refused, "
                + "still serving checksum " + SecretVolume.checksumOf(good) + ": brand careless: api-secret must be stored hashed, as "
                + "{sha256}[0-9a-f]{64}: put the hash there, never the secret itself");
        Issuance.brandRequest(client, "ak_steady", JOINING_SECRET).expectStatus().isOk()
                .expectBody().json(ISSUED, true);
        Issuance.brandRequest(client, "ak_careless", CLEAR_TEXT).expectStatus().isNotFound()
                .expectBody().json(BRAND_NOT_EXISTS, true);
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        assertThat(scrape()).containsPattern("(?m)^tollgate_config_info\\{[^}]*checksum=\"" + SecretVolume.checksumOf(good)
                + "\",file=\"credentials\"[^}]*} 1(\\.0)?$");
    }

    /** A person signed in on the pages, then suspended by a reload, has to sign in again, and is refused. */
    @Test
    void aPersonSuspendedByAReloadIsSignedOutOfThePages() {
        volume.publish(file(brand("steady", JOINING_SECRET), "profile", "active"));
        String query = "client_id=pages&redirect_uri=" + URLEncoder.encode(TestCredentials.REDIRECT_URI,
                StandardCharsets.UTF_8) + "&scope=profile&state=s";
        OAuthBrowserless browser = new OAuthBrowserless(client, Standalone.port(gateway));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            browser.authorize(query);
            return browser.login("paula", PERSON_PASSWORD).getStatus() == HttpStatus.SEE_OTHER;
        });
        assertThat(browser.consentPage().getStatus()).isEqualTo(HttpStatus.OK);
        String consentCsrf = browser.csrf();

        volume.publish(file(brand("steady", JOINING_SECRET), "profile", "suspended"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            OAuthBrowserless other = new OAuthBrowserless(client, Standalone.port(gateway));
            other.authorize(query);
            return other.login("paula", PERSON_PASSWORD).getStatus() == HttpStatus.UNAUTHORIZED;
        });

        MultiValueMap<String, String> allow = new LinkedMultiValueMap<>();
        allow.add("_csrf", consentCsrf);
        allow.add("decision", "allow");
        EntityExchangeResult<String> consent = browser.post("/platform/oauth/authorize/consent", allow);
        assertThat(consent.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(consent.getResponseHeaders().getLocation()).isNull();
        assertThat(consent.getResponseBody()).contains("This sign-in page has expired. Start again from the application.");
        EntityExchangeResult<String> again = browser.authorize(query);
        assertThat(again.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(again.getResponseBody()).contains("name=\"password\"");
    }

    /** The demo brand acme, one more brand, one client with these scopes, and an active person. */
    private static String file(String brand, String scopes) {
        return file(brand, scopes, "active");
    }

    /** With the person paula, and the client pages she signs in to, in this status. */
    private static String file(String brand, String scopes, String personStatus) {
        return """
                tollgate:
                  credentials:
                    brands:
                      - id: acme
                        api-key: ak_demo_acme
                        api-secret: "%s"
                %s
                    clients:
                      - client-id: machine
                        client-secret: "%s"
                        grant-types: [client_credentials]
                        scopes: [%s]
                      - client-id: pages
                        client-secret: "%3$s"
                        redirect-uris: [%5$s]
                        grant-types: [authorization_code]
                        scopes: [profile]
                    users:
                      - username: paula
                        password: "%6$s"
                        status: %7$s
                """.formatted(StoredHash.sha256(ACME_SECRET), brand.stripTrailing(),
                StoredHash.sha256(JOINING_SECRET), String.join(", ", scopes.split(" ")), TestCredentials.REDIRECT_URI,
                PERSON_HASH, personStatus);
    }

    private static String brand(String id, String secret) {
        return """
                      - id: %1$s
                        api-key: ak_%1$s
                        api-secret: "%2$s"
                """.formatted(id, StoredHash.sha256(secret));
    }

    private static Map<String, Object> metadata() {
        return client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult().getResponseBody();
    }


    private static double rejectedReloads() {
        Matcher matcher = Pattern.compile("(?m)^tollgate_config_reloads_total\\{[^}]*file=\"credentials\","
                + "outcome=\"rejected\"[^}]*} (\\S+)$").matcher(scrape());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String scrape() {
        return management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
