package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Forward authentication through a real nginx (Debian's, whose {@code auth_request} module is the
 * one ingress-nginx runs): {@code /usr/sbin/nginx} with the shipped configuration of {@code
 * deploy/nginx}, only its ports changed, in front of {@link TestUpstream}, asking a running
 * Tollgate. The route's own answers come out of nginx, rebuilt from the check's headers, and a
 * refused request never reaches the upstream. Fails, never skips, without nginx.
 */
class NginxForwardAuthTest {

    private static final String NGINX = "/usr/sbin/nginx";
    private static final Path SHIPPED = Path.of("deploy", "nginx");
    private static final int CHANNEL_BURST = 3;
    private static final String REALM = "Bearer realm=\"tollgate\"";

    private static ConfigurableApplicationContext tollgate;
    private static Process nginx;
    private static Path prefix;
    private static WebTestClient client;
    private static WebTestClient direct;

    @BeforeAll
    static void start() throws Exception {
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.rate-limit.channel.replenish-rate=1",
                "--tollgate.rate-limit.channel.burst-capacity=" + CHANNEL_BURST);
        direct = Standalone.client(tollgate);
        prefix = Path.of("target", "nginx-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        try (var files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, prefix.resolve(file.getFileName()));
            }
        }
        int port = freePort();
        Path conf = prefix.resolve("nginx.conf");
        String shipped = Files.readString(conf);
        String templated = shipped
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + Standalone.port(tollgate) + ";")
                .replace("server 127.0.0.1:9000;", "server 127.0.0.1:" + TestUpstream.port() + ";")
                .replace("listen 127.0.0.1:8000;", "listen 127.0.0.1:" + port + ";");
        assertThat(templated).as("the shipped nginx.conf names the ports the test replaces").isNotEqualTo(shipped);
        Files.writeString(conf, templated);
        nginx = new ProcessBuilder(NGINX, "-p", prefix + "/", "-c", conf.toString(),
                "-e", prefix.resolve("logs/error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        awaitListening(port);
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor();
            }
        }
        if (tollgate != null) {
            tollgate.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void anAdmittedRequestReachesTheUpstreamWithTollgatesIdentityOnly() {
        String brand = Issuance.brandToken(direct);
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items?page=2")
                .header("gn-access-token", brand)
                .header("X-Auth-Subject", "admin")
                .header("x-auth-kind", "oauth-app")
                .header("X_Auth_Issuer", "keycloak"));
        assertThat(identityHeaders(headers)).isEqualTo(Map.of("x-auth-subject", "acme", "x-auth-kind", "brand",
                "x-auth-client", "acme", "x-auth-scopes", "content:read content:write", "x-auth-issuer", "tollgate"));
        assertThat(headers).containsEntry("gn-access-token", brand).doesNotContainKey("x_auth_issuer");

        String channel = channelToken();
        Map<String, String> channelHeaders = TestUpstream.echoedHeaders(client.get().uri("/demo/bearer/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + channel)
                .header("X-Auth-Client", "spoofed"));
        assertThat(identityHeaders(channelHeaders)).isEqualTo(Map.of("x-auth-subject", "channel_user",
                "x-auth-kind", "channel", "x-auth-scopes", "connectivity", "x-auth-issuer", "tollgate"));
    }

    @Test
    void noTokenIsTheGenuinRoutes4010() {
        assertRefused(h -> {}, "/demo/genuin/items", HttpStatus.UNAUTHORIZED, null,
                "{\"code\":\"4010\",\"message\":\"Access token missing.\",\"data\":{}}");
    }

    @Test
    void anInvalidTokenIsTheGenuinRoutes4011() {
        assertRefused(h -> h.set("gn-access-token", "not.a.token"), "/demo/genuin/items", HttpStatus.UNAUTHORIZED,
                null, "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}");
    }

    @Test
    void theBearerRoutesOwn401sComeWithTheirChallenge() {
        assertRefused(h -> {}, "/demo/bearer/orders", HttpStatus.UNAUTHORIZED, REALM,
                "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}");
        assertRefused(h -> h.setBearerAuth("not.a.token"), "/demo/bearer/orders", HttpStatus.UNAUTHORIZED,
                REALM + ", error=\"invalid_token\", error_description=\"The access token is invalid\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}");
    }

    @Test
    void theWrongKindIs403InEitherDialect() {
        String channel = channelToken();
        assertRefused(h -> h.setBearerAuth(channel), "/demo/genuin/items", HttpStatus.FORBIDDEN, null,
                "{\"code\":\"4030\",\"message\":\"Access denied.\",\"data\":{}}");
        String brand = Issuance.brandToken(direct);
        assertRefused(h -> h.setBearerAuth(brand), "/demo/bearer/orders", HttpStatus.FORBIDDEN,
                REALM + ", error=\"insufficient_scope\", error_description=\"The access token's kind is not "
                        + "accepted here\"",
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token's kind is not accepted "
                        + "here\"}");
    }

    @Test
    void ambiguousCredentialsAreTheRoutes400() {
        String brand = Issuance.brandToken(direct);
        assertRefused(h -> {
                    h.set("gn-access-token", brand);
                    h.setBearerAuth("another");
                }, "/demo/genuin/items", HttpStatus.BAD_REQUEST, null,
                "{\"code\":\"1099\",\"message\":\"An unexpected error occurred processing the request\",\"data\":{}}");
    }

    @Test
    void overTheRateLimitIsTheRoutes429WithRetryAfter() {
        String channel = channelToken();
        for (int i = 0; i < CHANNEL_BURST * 10; i++) {
            String probe = UUID.randomUUID().toString();
            EntityExchangeResult<String> result = client.get().uri("/demo/bearer/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + channel)
                    .header(TestUpstream.PROBE_HEADER, probe)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            HttpHeaders headers = result.getResponseHeaders();
            assertThat(headers.getFirst("X-API-Rate-Limit")).isEqualTo(String.valueOf(CHANNEL_BURST));
            if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
                assertThat(headers.getFirst("X-API-Rate-Remaining")).isEqualTo("0");
                assertThat(headers.getFirst("X-API-Rate-Window")).isEqualTo(String.valueOf(CHANNEL_BURST));
                assertThat(headers.get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
                assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
                assertThat(result.getResponseBody())
                        .isEqualTo("{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded\"}");
                assertThat(TestUpstream.received(probe)).isEmpty();
                return;
            }
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isNull();
            assertThat(TestUpstream.received(probe)).contains("/demo/bearer/orders");
        }
        throw new AssertionError("never refused within " + CHANNEL_BURST * 10 + " requests");
    }

    /** Sends a request through nginx; it must be refused with the route's answer, the upstream untouched. */
    private static void assertRefused(
            Consumer<HttpHeaders> credentials, String path, HttpStatus status, String challenge, String body) {
        String probe = UUID.randomUUID().toString();
        EntityExchangeResult<String> result = client.get().uri(path)
                .headers(credentials)
                .header(TestUpstream.PROBE_HEADER, probe)
                .exchange()
                .expectBody(String.class)
                .returnResult();
        HttpHeaders headers = result.getResponseHeaders();
        assertThat(result.getStatus()).isEqualTo(status);
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(headers.get(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo(challenge == null ? null : List.of(challenge));
        assertThat(headers.getCacheControl()).isEqualTo("no-store");
        assertThat(result.getResponseBody()).isEqualTo(body);
        assertThat(TestUpstream.received(probe)).as("the upstream never sees a refused request").isEmpty();
    }

    private static String channelToken() {
        String token = Issuance.channelRequest(direct, Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD)
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Secrets.remember(token);
        return token;
    }

    private static Map<String, String> identityHeaders(Map<String, String> headers) {
        Map<String, String> identity = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name.replace('_', '-').startsWith("x-auth-")) {
                identity.put(name, value);
            }
        });
        return identity;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log"),
                        StandardCharsets.UTF_8) + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 20 s");
    }
}
