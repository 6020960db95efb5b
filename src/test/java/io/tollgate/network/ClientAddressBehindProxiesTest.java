package io.tollgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.support.Demo;
import io.tollgate.support.FromAddress;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The client address behind proxies ({@code tollgate.network.trusted-proxies}), in a split
 * deployment for real: a gateway-only instance in front of an issuer instance, each trusting
 * 127.0.0.1, the address the gateway's connections to the issuer come from and the address this
 * test plays a load balancer from. Clients are bound to other loopback addresses, untrusted. The
 * address lockout ({@code address-max-failures=2}) shows whom the issuer counts: a caller locked
 * out gets 412 {@code 5166} from the brand endpoint even for the right secret, anyone else a token.
 * The issuer also runs as on Kubernetes, where Spring Boot would otherwise believe anyone's
 * {@code X-Forwarded-For}.
 */
class ClientAddressBehindProxiesTest {

    private static final int ADDRESS_MAX = 2;
    private static final String INVALID_USE = "{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}";
    private static final String ISSUED = "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}";

    private static ConfigurableApplicationContext issuer;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void startAGatewayInFrontOfAnIssuer() {
        issuer = Standalone.startWithTestKeys(
                "--spring.main.cloud-platform=kubernetes",
                "--tollgate.network.trusted-proxies=127.0.0.1/32",
                "--tollgate.rate-limit.client-address.burst-capacity=100000",
                "--tollgate.issuer.lockout.address-max-failures=" + ADDRESS_MAX);
        int issuerPort = Standalone.port(issuer);
        gateway = Standalone.start(
                "--server.port=0",
                "--tollgate.network.trusted-proxies=127.0.0.1",
                "--tollgate.issuer.enabled=false",
                "--tollgate.issuer.route-uri=http://127.0.0.1:" + issuerPort,
                "--tollgate.validation.jwks.uri=http://127.0.0.1:" + issuerPort + "/.well-known/jwks.json",
                "--tollgate.issuer.keys.location=file:/nonexistent/jwks.json",
                "--tollgate.credentials.location=file:/nonexistent/credentials.yml",
                "--tollgate.rate-limit.client-address.burst-capacity=100000");
    }

    @AfterAll
    static void stopBoth() {
        if (gateway != null) {
            gateway.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void behindOneGatewayTheIssuerCountsEachClientApart() {
        WebTestClient guesser = viaGateway("127.0.0.51");
        lockOut(guesser, "");
        refused(guesser, "");
        issued(viaGateway("127.0.0.52"), "");
    }

    @Test
    void aGatewayBehindALoadBalancerPassesOnTheClientTheBalancerNamed() {
        WebTestClient balancer = viaGateway("127.0.0.1");
        lockOut(balancer, "203.0.113.7");
        refused(balancer, "203.0.113.7");
        refused(balancer, "198.51.100.9, 203.0.113.7");
        refused(balancer, "203.0.113.7, 127.0.0.1");
        issued(balancer, "203.0.113.7, 203.0.113.8");
        issued(balancer, "203.0.113.8");
    }

    @Test
    void theForwardedForOfAnUntrustedPeerIsIgnored() {
        WebTestClient direct = FromAddress.client("127.0.0.2", Standalone.port(issuer));
        lockOut(direct, "192.0.2.1");
        refused(direct, "192.0.2.2");
        refused(direct, "");
        WebTestClient throughTheGateway = viaGateway("127.0.0.53");
        lockOut(throughTheGateway, "192.0.2.3");
        refused(throughTheGateway, "192.0.2.4");
        issued(viaGateway("127.0.0.1"), "127.0.0.54");
    }

    @Test
    void theSessionCookieIsSecureExactlyWhenATrustedProxySaysTheClientUsedHttps() {
        assertThat(sessionCookies(viaGateway("127.0.0.1"), "https")).allMatch(cookie -> cookie.contains("; Secure"));
        assertThat(sessionCookies(viaGateway("127.0.0.1"), null)).noneMatch(cookie -> cookie.contains("Secure"));
        assertThat(sessionCookies(viaGateway("127.0.0.55"), "https")).noneMatch(cookie -> cookie.contains("Secure"));
        assertThat(sessionCookies(FromAddress.client("127.0.0.1", Standalone.port(issuer)), "https"))
                .allMatch(cookie -> cookie.contains("; Secure"));
        assertThat(sessionCookies(FromAddress.client("127.0.0.56", Standalone.port(issuer)), "https"))
                .noneMatch(cookie -> cookie.contains("Secure"));
    }

    @Test
    void upstreamsLearnTheClientAndItsSchemeAndNeverTheClientsOwnClaim() {
        assertThat(upstreamHeaders(viaGateway("127.0.0.57"), "6.6.6.6", "https"))
                .containsEntry("x-forwarded-for", "127.0.0.57")
                .containsEntry("x-forwarded-proto", "http");
        assertThat(upstreamHeaders(viaGateway("127.0.0.1"), "6.6.6.6, 203.0.113.30", "https"))
                .containsEntry("x-forwarded-for", "203.0.113.30")
                .containsEntry("x-forwarded-proto", "https");
    }

    @Test
    void aTrustedProxyEntryThatIsNoAddressFailsTheStartNamingIt() {
        assertThatThrownBy(() -> Standalone.start("--server.port=0",
                        "--tollgate.network.trusted-proxies[0]=10.0.0.0/8",
                        "--tollgate.network.trusted-proxies[1]=10.0.0/8"))
                .hasStackTraceContaining("tollgate.network.trusted-proxies[1]")
                .hasStackTraceContaining("'10.0.0/8' is not an IP address or CIDR block (like 10.0.0.0/8 or fd00::/8)");
        assertThatThrownBy(() -> Standalone.start("--server.port=0", "--server.forward-headers-strategy=native"))
                .hasStackTraceContaining("server.forward-headers-strategy=native would believe X-Forwarded-For from"
                        + " any client: remove it and list the proxies in tollgate.network.trusted-proxies");
    }

    private static WebTestClient viaGateway(String address) {
        return FromAddress.client(address, Standalone.port(gateway));
    }

    private static void lockOut(WebTestClient client, String forwardedFor) {
        String wrong = Secrets.remember("wrong-secret-behind-a-proxy");
        for (int i = 0; i < ADDRESS_MAX; i++) {
            brand(client, forwardedFor, wrong)
                    .expectStatus().isNotFound()
                    .expectBody().json("{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}", JsonCompareMode.STRICT);
        }
    }

    private static void refused(WebTestClient client, String forwardedFor) {
        brand(client, forwardedFor, Demo.BRAND_SECRET)
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().json(INVALID_USE, JsonCompareMode.STRICT);
    }

    private static void issued(WebTestClient client, String forwardedFor) {
        String token = brand(client, forwardedFor, Demo.BRAND_SECRET)
                .expectStatus().isOk()
                .expectBody().json(ISSUED, JsonCompareMode.STRICT)
                .returnResult().getResponseHeaders().getFirst("gn-access-token");
        assertThat(Secrets.remember(token)).startsWith("ey");
    }

    private static WebTestClient.ResponseSpec brand(WebTestClient client, String forwardedFor, String secret) {
        return client.post().uri("/api/thirdparty/auth")
                .headers(headers -> {
                    if (!forwardedFor.isEmpty()) {
                        headers.set("X-Forwarded-For", forwardedFor);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + secret + "\"}")
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> upstreamHeaders(WebTestClient client, String forwardedFor, String forwardedProto) {
        Map<String, Object> echo = client.get().uri("/demo/public/headers")
                .header("X-Forwarded-For", forwardedFor)
                .header("X-Forwarded-Proto", forwardedProto)
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        return (Map<String, String>) echo.get("headers");
    }

    private static List<String> sessionCookies(WebTestClient client, String forwardedProto) {
        List<String> cookies = client.get()
                .uri("/platform/oauth/authorize?client_id={client}&redirect_uri={redirect}", TestCredentials.WEB_CLIENT,
                        TestCredentials.REDIRECT_URI)
                .headers(headers -> {
                    if (forwardedProto != null) {
                        headers.set("X-Forwarded-Proto", forwardedProto);
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getOrEmpty(HttpHeaders.SET_COOKIE);
        assertThat(cookies).as("the authorize page sets its session cookie").isNotEmpty();
        return cookies;
    }
}
