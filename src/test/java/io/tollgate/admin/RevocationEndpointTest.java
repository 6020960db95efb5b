package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.RawHttp;
import io.tollgate.support.RawResponse;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /actuator/revocations} over real HTTP on the management port of one instance with an
 * operator token configured: every answer of the contract with its exact body, the cut-off's effect
 * on live tokens through the gateway, the audit line of every call, and the endpoint's absence on
 * the traffic port.
 */
class RevocationEndpointTest {

    static final String UNAUTHORIZED =
            "{\"error\":\"invalid_token\",\"error_description\":\"An operator token from tollgate.admin.tokens is required\"}";
    static final String GENUIN_INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    static final String BEARER_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";
    static final String BEARER_REFUSED_PATH =
            "{\"error\":\"invalid_request\",\"error_description\":\"The request path is not accepted\"}";

    private static ConfigurableApplicationContext instance;
    private static WebTestClient traffic;
    private static WebTestClient management;

    @BeforeAll
    static void start() {
        instance = Standalone.startWithTestKeys(Operator.TOKENS_OPTION);
        traffic = Standalone.client(instance);
        management = Operator.management(Standalone.managementPort(instance));
    }

    @AfterAll
    static void stop() {
        instance.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aSubjectCutOffRefusesItsLiveTokenAndLetsOneIssuedAfterThrough() throws InterruptedException {
        String live = Issuance.channelToken(traffic);
        bearer(live).expectStatus().isOk();

        Instant before = Instant.now();
        Instant cutOff = Operator.cutOff(management, "{\"kind\":\"channel\",\"subject\":\"" + Demo.CHANNEL_USER + "\"}");
        Instant after = Instant.now();

        assertThat(cutOff).as("the call's instant rounded up to the next whole second")
                .isAfter(before.truncatedTo(ChronoUnit.SECONDS))
                .isBeforeOrEqualTo(after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        bearer(live).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
                        + "error=\"invalid_token\", error_description=\"The access token is invalid\"")
                .expectBody(String.class).isEqualTo(BEARER_INVALID);

        Operator.waitPast(cutOff);
        bearer(Issuance.channelToken(traffic)).expectStatus().isOk();
        bearer(live).expectStatus().isUnauthorized();
    }

    @Test
    void aBrandCutOffRefusesItsTokenInTheGenuinDialect() throws InterruptedException {
        String live = Issuance.brandToken(traffic);
        genuin(live).expectStatus().isOk();

        Instant cutOff = Operator.cutOff(management, "{\"kind\":\"brand\",\"subject\":\"acme\",\"issuer\":\"tollgate\"}");

        genuin(live).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID);
        Operator.waitPast(cutOff);
        genuin(Issuance.brandToken(traffic)).expectStatus().isOk();
    }

    @Test
    void aClientCutOffRefusesTheClientsOwnTokens() throws InterruptedException {
        String live = appToken();
        bearer(live).expectStatus().isOk();

        Instant cutOff = Operator.cutOff(management, "{\"client\":\"" + TestCredentials.WEB_CLIENT + "\"}");

        bearer(live).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID);
        Operator.waitPast(cutOff);
        bearer(appToken()).expectStatus().isOk();
    }

    @Test
    void noTokenAWrongOneOrAnotherSchemeIs401() {
        WebTestClient.ResponseSpec[] calls = {
            management.post().uri("/actuator/revocations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"client\":\"x\"}").exchange(),
            management.post().uri("/actuator/revocations").header("Authorization", "Bearer " + Secrets.remember(
                    "not-an-operator-" + UUID.randomUUID())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"client\":\"x\"}").exchange(),
            management.post().uri("/actuator/revocations").header("Authorization", "Basic " + Operator.TOKEN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client\":\"x\"}").exchange(),
            management.post().uri("/actuator/revocations").header("Authorization", "Bearer " + Operator.TOKEN + "x")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client\":\"x\"}").exchange(),
            management.post().uri("/actuator/revocations")
                    .header("Authorization", "Bearer " + Operator.TOKEN, "Bearer " + Operator.TOKEN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client\":\"x\"}").exchange(),
        };
        for (WebTestClient.ResponseSpec call : calls) {
            call.expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate-admin\"")
                    .expectHeader().valueEquals("Cache-Control", "no-store")
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody(String.class).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        management.post().uri("/actuator/revocations").header("Authorization", "bEARER " + Operator.TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"kind\":\"oauth-user\",\"subject\":\"nobody\"}")
                .exchange()
                .expectStatus().isOk();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"kind":"brand"                                       | The body is not JSON
            not json                                              | The body is not JSON
            {"kind":"brand","subject":"acme"} {}                  | The body is not JSON
            {"kind":"brand","kind":"channel","subject":"acme"}    | The body is not JSON
            ["brand","acme"]                                      | The body must be a JSON object
            "acme"                                                | The body must be a JSON object
            {"kind":"brand"}                                      | kind and subject go together
            {"subject":"acme"}                                    | kind and subject go together
            {}                                                    | Name either kind and subject, or client
            {"issuer":"tollgate"}                                 | Name either kind and subject, or client
            {"kind":"brand","subject":"acme","client":"demo-web"} | Name either kind and subject, or client
            {"subject":"acme","client":"demo-web"}                | Name either kind and subject, or client
            {"kind":"BRAND","subject":"acme"}                     | kind must be brand, channel, oauth-user or oauth-app
            {"kind":"partner","subject":"acme"}                   | kind must be brand, channel, oauth-user or oauth-app
            {"kind":"brand","subject":"acme","issuer":"keycloak"} | Unknown issuer: name a configured issuer id, such as tollgate
            {"client":"demo-web","issuer":""}                     | Unknown issuer: name a configured issuer id, such as tollgate
            {"kind":"brand","subject":"acme","reason":"abuse"}    | Only the fields kind, subject, client and issuer are accepted
            {"kind":"brand","subject":7}                          | Every field must be a string
            {"client":null}                                       | Every field must be a string
            {"kind":"brand","subject":"  "}                       | subject must be 1 to 256 characters, not blank
            {"client":""}                                         | client must be 1 to 256 characters, not blank
            """)
    void aBodyThatBreaksTheContractIs400(String body, String description) {
        Operator.revoke(management, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}");
    }

    @Test
    void anEmptyBodyOrAnOverlongIdentifierIs400() {
        management.post().uri("/actuator/revocations").header("Authorization", "Bearer " + Operator.TOKEN)
                .contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"The body must be a JSON object\"}");
        Operator.revoke(management, "{\"client\":\"" + "c".repeat(257) + "\"}")
                .expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo("{\"error\":\"invalid_request\","
                        + "\"error_description\":\"client must be 1 to 256 characters, not blank\"}");
    }

    /** A client that stops sending mid-body gets no 500 and leaves no error line: its call is refused as unreadable. */
    @Test
    void aBodyCutShortIsRefusedAsUnreadableNotAFailure() throws Exception {
        int failedBefore = LogCapture.linesContainingAny(List.of("Revocation by subject failed")).size();
        int refusedBefore = refusals("outcome=invalid_request").size();
        try (Socket socket = new Socket("127.0.0.1", Standalone.managementPort(instance))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /actuator/revocations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Operator.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"client\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Whatever the server answers, the connection ends: this client is gone.
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(refusals("outcome=invalid_request")).hasSize(refusedBefore + 1));
        assertThat(LogCapture.linesContainingAny(List.of("Revocation by subject failed"))).hasSize(failedBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx", ";;;", ""})
    void anotherContentTypeIs415(String contentType) throws IOException {
        RawResponse response = rawPost("/actuator/revocations",
                contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n", "{\"client\":\"demo-web\"}");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.text())
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"The body must be application/json\"}");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String padding = " ".repeat(17 * 1024);
        Operator.revoke(management, "{\"client\":\"demo-web\"" + padding + "}")
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"The body is over the size limit\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void anotherMethodIs405(String method) {
        management.method(HttpMethod.valueOf(method)).uri("/actuator/revocations")
                .header("Authorization", "Bearer " + Operator.TOKEN).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "POST")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"Only POST is accepted\"}");
    }

    @Test
    void thePathFirewallJudgesTheEndpointsPathsToo() throws IOException {
        for (String path : List.of("/actuator/revocations;x=y", "/actuator/health/%2e%2e/revocations",
                "/actuator//revocations")) {
            RawResponse response = rawPost(path, "Content-Type: application/json\r\n", "{\"client\":\"demo-web\"}");
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.text()).as(path).isEqualTo(BEARER_REFUSED_PATH);
        }
    }

    @Test
    void theTrafficPortHasNoSuchEndpoint() {
        String live = personToken();
        traffic.post().uri("/actuator/revocations").header("Authorization", "Bearer " + Operator.TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"kind\":\"oauth-user\",\"subject\":\"" + TestCredentials.USER + "\"}").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.error").isEqualTo("Not Found")
                .jsonPath("$.path").isEqualTo("/actuator/revocations");
        bearer(live).expectStatus().isOk();
    }

    @Test
    void everyCallIsAuditedWithTheCallerAndTheTargetNeverTheToken() {
        String subject = "audited-" + UUID.randomUUID();
        int unauthorized = refusals("outcome=unauthorized").size();
        management.post().uri("/actuator/revocations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"kind\":\"brand\",\"subject\":\"" + subject + "\"}").exchange()
                .expectStatus().isUnauthorized();
        assertThat(refusals("outcome=unauthorized")).hasSize(unauthorized + 1).last().asString()
                .isEqualTo("admin.revocation.refused via=\"POST /actuator/revocations\" client.address=127.0.0.1"
                        + " outcome=unauthorized");

        Instant cutOff = Operator.cutOff(management, "{\"kind\":\"brand\",\"subject\":\"" + subject + "\"}");
        Operator.revoke(management, "{\"kind\":\"brand\",\"subject\":\"" + subject + "\",\"issuer\":\"other\"}")
                .expectStatus().isBadRequest();
        Operator.revoke(management, "{\"client\":\"" + subject + "\",\"reason\":\"abuse\"}")
                .expectStatus().isBadRequest();

        assertThat(LogCapture.linesContainingAny(List.of(subject))).containsExactly(
                "revocation.subject.cut_off issuer=tollgate kind=brand subject=" + subject + " revoked_before=" + cutOff
                        + " via=\"POST /actuator/revocations\" client.address=127.0.0.1");
        assertThat(refusals("outcome=invalid_request")).last().asString()
                .isEqualTo("admin.revocation.refused via=\"POST /actuator/revocations\" client.address=127.0.0.1"
                        + " outcome=invalid_request");
    }

    /** A POST with the operator token, sent byte for byte as written. */
    private static RawResponse rawPost(String target, String contentTypeLine, String body) throws IOException {
        String request = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + Operator.TOKEN + "\r\n" + contentTypeLine
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        return RawHttp.exchange(Standalone.managementPort(instance), request.getBytes(StandardCharsets.US_ASCII), false)
                .orElseThrow(() -> new IOException("No whole HTTP response came back"));
    }

    private static List<String> refusals(String containing) {
        return LogCapture.linesContainingAny(List.of(containing)).stream()
                .filter(line -> line.startsWith("admin.revocation.refused ")).toList();
    }

    private static WebTestClient.ResponseSpec bearer(String token) {
        return traffic.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static WebTestClient.ResponseSpec genuin(String token) {
        return traffic.get().uri("/demo/genuin/x").header("gn-access-token", token).exchange();
    }

    /** A token of a person ({@code alice}, kind {@code oauth-user}) that no other test here cuts off. */
    private static String personToken() {
        return accessToken("grant_type=password&username=" + TestCredentials.USER + "&password="
                + TestCredentials.PASSWORD + "&client_id=" + TestCredentials.TRUSTED_CLIENT + "&client_secret="
                + TestCredentials.TRUSTED_SECRET);
    }

    private static String appToken() {
        return accessToken("grant_type=client_credentials&client_id=" + TestCredentials.WEB_CLIENT + "&client_secret="
                + TestCredentials.WEB_SECRET);
    }

    private static String accessToken(String form) {
        String body = traffic.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return Secrets.remember((String) JsonMapper.builder().build().readValue(body, Map.class).get("access_token"));
    }
}
