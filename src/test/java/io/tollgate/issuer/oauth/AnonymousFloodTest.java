package io.tollgate.issuer.oauth;

import static io.tollgate.support.OAuthBrowserless.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.OAuthBrowserless.Pkce;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Issue #13, defect 6: anonymous visits to the authorize endpoint used to open a server session
 * each, and after WebFlux's 10,000 every visitor got 500. They keep nothing on the server now, so
 * any number of them leaves a person able to sign in.
 */
class AnonymousFloodTest extends IntegrationTest {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final int VISITS = 10_000;

    /** Ten thousand rendered pages: longer than the suite's two-minute hang guard on a loaded runner. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void tenThousandAnonymousVisitsLeaveRoomForAPersonWhoSignsInFromAnotherAddress() {
        Pkce pkce = Pkce.create();
        String query = "client_id=test-public&redirect_uri=" + REDIRECT + "&scope=profile&state=flood"
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        List<HttpClient> visitors = IntStream.rangeClosed(2, 5)
                .mapToObj(last -> HttpClient.create()
                        .bindAddress(() -> new InetSocketAddress("127.0.0." + last, 0))
                        .baseUrl("http://127.0.0.1:" + port))
                .toList();

        Map<String, Long> answers = Flux.range(0, VISITS)
                .flatMap(visit -> visitors.get(visit % visitors.size()).get()
                        .uri("/platform/oauth/authorize?" + query)
                        .responseSingle((response, body) -> body.asString().map(page -> response.status().code()
                                + (page.contains("<title>Sign in</title>") ? " login page" : " other"))),
                        16)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .block(Duration.ofMinutes(9));
        assertThat(answers).containsExactly(Map.entry("200 login page", (long) VISITS));

        // At once, from 127.0.0.1: the whole code flow.
        URI landed = new OAuthBrowserless(client, port).allow(query);
        Map<String, String> redirect = parameters(landed, false);
        assertThat(redirect).containsEntry("state", "flood").containsKey("code");
        client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=authorization_code&client_id=test-public&code="
                        + Secrets.remember(redirect.get("code")) + "&redirect_uri=" + REDIRECT
                        + "&code_verifier=" + pkce.verifier())
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.OK)
                .expectBody()
                .jsonPath("$.token_type").isEqualTo("bearer")
                .jsonPath("$.scope").isEqualTo("profile")
                .jsonPath("$.access_token").value(token -> Secrets.remember((String) token))
                .jsonPath("$.refresh_token").value(token -> Secrets.remember((String) token));
    }
}
