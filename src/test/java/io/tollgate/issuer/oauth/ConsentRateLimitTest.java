package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The pages keep nothing on the server, but each allow stores a code, and a consent form can be
 * posted again within its lifetime: the consent path counts in the per-address rate limit, so one
 * address cannot add codes faster than that.
 */
class ConsentRateLimitTest {

    private static final int BURST = 5;
    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);

    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.rate-limit.client-address.replenish-rate=1",
                "--tollgate.rate-limit.client-address.burst-capacity=" + BURST);
        client = Standalone.client(tollgate);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void repostingAConsentFormIsRateLimitedPerAddress() throws Exception {
        OAuthBrowserless browser = new OAuthBrowserless(client, Standalone.port(tollgate));
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT);
        browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        browser.consentPage();
        LinkedMultiValueMap<String, String> allow = new LinkedMultiValueMap<>(Map.of(
                "_csrf", List.of(browser.csrf()), "decision", List.of("allow")));
        List<HttpStatus> answers = new ArrayList<>();
        EntityExchangeResult<String> refused = null;
        for (int i = 0; i < 10 * BURST && refused == null; i++) {
            EntityExchangeResult<String> answer = browser.post(AuthorizeEndpoint.CONSENT_PATH, allow);
            answers.add(HttpStatus.valueOf(answer.getStatus().value()));
            if (answer.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                refused = answer;
            }
        }
        assertThat(refused).as("a 429 among %s", answers).isNotNull();
        assertThat(answers.subList(0, answers.size() - 1)).containsOnly(HttpStatus.SEE_OTHER);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotNull();
        JSONAssert.assertEquals("{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded\"}",
                refused.getResponseBody(), true);
    }
}
