package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.SecretVolume;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.StoredHash;
import io.tollgate.support.Tokens;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credentials file as a revocation trigger, under a running gateway whose file is a Kubernetes
 * Secret volume: suspending an account cuts off its live tokens on reload, re-activating it lets
 * new tokens through, removing a client cuts off its tokens, and an account suspended in the file
 * at start has the tokens issued before the start refused.
 */
class CredentialsCutOffTest {

    static final String GENUIN_INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    static final String BEARER_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";
    static final String INVALID_USE = "{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}";

    private static final String PARTNER_SECRET = Secrets.remember("sk_partner_6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c");
    private static final String MACHINE_SECRET = Secrets.remember("machine-secret-1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a");
    private static final String CHANNEL_PASSWORD = Secrets.remember("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final String TRUSTED_SECRET = Secrets.remember("trusted-secret-5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b");
    private static final String PERSON_PASSWORD = Secrets.remember("partner-person-password");
    private static final String PERSON_HASH = StoredHash.bcrypt(PERSON_PASSWORD);

    private static SecretVolume volume;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    /** Issued before the start for the brand the file holds as suspended, as another pod could have. */
    private static String dormantBeforeStart;

    @BeforeAll
    static void start() throws Exception {
        dormantBeforeStart = Tokens.sign(Tokens.brandClaims().subject("dormant").claim("client_id", "dormant")
                .issueTime(Date.from(Instant.now().minusSeconds(60))).build());
        volume = SecretVolume.create(Files.createTempDirectory("tollgate-cut-offs"), "credentials.yml",
                file("active", "active", true));
        gateway = Standalone.startWithTestKeys(
                "--tollgate.credentials.location=file:" + volume.file(),
                "--tollgate.reload.poll-interval=200ms");
        client = Standalone.client(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aBrandSuspendedInTheFileAtStartHasItsEarlierTokensRefused() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> genuin(dormantBeforeStart)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID));
    }

    @Test
    void suspendingABrandAChannelUserAndAPersonCutsOffTheirLiveTokensAndReactivatingLetsNewOnesThrough()
            throws InterruptedException {
        String brand = brandToken();
        String channel = channelToken();
        String person = personToken();
        genuin(brand).expectStatus().isOk();
        bearer(channel).expectStatus().isOk();
        bearer(person).expectStatus().isOk();

        volume.publish(file("suspended", "expired", true));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> genuin(brand)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bearer(channel)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bearer(person)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID));
        Issuance.brandRequest(client, "ak_partner", PARTNER_SECRET).expectStatus().isEqualTo(412)
                .expectBody(String.class).isEqualTo(INVALID_USE);
        Instant cutOff = Instant.now();

        volume.publish(file("active", "active", true));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                Issuance.brandRequest(client, "ak_partner", PARTNER_SECRET).expectStatus().isOk());
        Operator.waitPast(cutOff.plusSeconds(1));
        genuin(brandToken()).expectStatus().isOk();
        bearer(channelToken()).expectStatus().isOk();
        bearer(personToken()).expectStatus().isOk();
        genuin(brand).expectStatus().isUnauthorized();
        bearer(person).expectStatus().isUnauthorized();
    }

    @Test
    void removingAClientCutsOffItsTokens() {
        String app = appToken();
        bearer(app).expectStatus().isOk();

        volume.publish(file("active", "active", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bearer(app)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID));
        assertThat(LogCapture.linesContainingAny(List.of("client_id=machine"))).anyMatch(line -> line.startsWith(
                "revocation.client.cut_off issuer=tollgate client_id=machine revoked_before=")
                && line.endsWith(" via=\"credentials reload\" client.address=-"));
        volume.publish(file("active", "active", true));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> requestAppToken().expectStatus().isOk());
    }

    /**
     * The suspended brand dormant, the brand partner, the channel user partner_channel and the
     * person partner_person (suspended with the brand), the trusted client they sign in through
     * and, if asked, the client machine.
     */
    private static String file(String brandStatus, String channelStatus, boolean withClient) {
        String machine = withClient ? """
                      - client-id: machine
                        client-secret: "%s"
                        grant-types: [client_credentials]
                        scopes: [profile]
                """.formatted(StoredHash.sha256(MACHINE_SECRET)) : "";
        String clients = """
                    clients:
                      - client-id: trusted-app
                        client-secret: "%s"
                        grant-types: [password]
                        trusted: true
                        scopes: [profile]
                %s    users:
                      - username: partner_person
                        password: "%s"
                        status: %s
                """.formatted(StoredHash.sha256(TRUSTED_SECRET), machine, PERSON_HASH, brandStatus);
        return """
                tollgate:
                  credentials:
                    brands:
                      - id: dormant
                        api-key: ak_demo_dormant
                        api-secret: "%s"
                        status: suspended
                      - id: partner
                        api-key: ak_partner
                        api-secret: "%s"
                        status: %s
                        scopes: [content:read]
                    channel-users:
                      - username: partner_channel
                        password: "%s"
                        status: %s
                %s""".formatted(StoredHash.sha256("sk_demo_dormant_9a8b7c6d5e4f30211f2e3d4c5b6a7988"),
                StoredHash.sha256(PARTNER_SECRET), brandStatus, StoredHash.sha256(CHANNEL_PASSWORD), channelStatus,
                clients);
    }

    private static String brandToken() {
        String token = Issuance.brandRequest(client, "ak_partner", PARTNER_SECRET).expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("gn-access-token");
        return Secrets.remember(token);
    }

    private static String channelToken() {
        return Secrets.remember(Issuance.channelRequest(client, "partner_channel", CHANNEL_PASSWORD)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static String personToken() {
        String body = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password&username=partner_person&password=" + PERSON_PASSWORD
                        + "&client_id=trusted-app&client_secret=" + TRUSTED_SECRET)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return Secrets.remember((String) JsonMapper.builder().build().readValue(body, Map.class).get("access_token"));
    }

    private static WebTestClient.ResponseSpec requestAppToken() {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=machine&client_secret=" + MACHINE_SECRET)
                .exchange();
    }

    private static String appToken() {
        String body = requestAppToken().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return Secrets.remember((String) JsonMapper.builder().build().readValue(body, Map.class).get("access_token"));
    }

    private static WebTestClient.ResponseSpec genuin(String token) {
        return client.get().uri("/demo/genuin/x").header("gn-access-token", token).exchange();
    }

    private static WebTestClient.ResponseSpec bearer(String token) {
        return client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
