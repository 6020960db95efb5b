package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code tollgate.rate-limit.enabled: false} (the load benchmark's setting): the guard runs
 * without its rate-limit step, counting nothing, whether the request is proxied or checked.
 */
class RateLimitsOffTest {

    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        tollgate = Standalone.startWithTestKeys("--tollgate.rate-limit.enabled=false");
        client = Standalone.client(tollgate);
    }

    @AfterAll
    static void stop() {
        if (tollgate != null) {
            tollgate.close();
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aGuardedRequestIsAdmittedUncounted() {
        String token = Issuance.brandToken(client);
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", token));
        assertThat(headers).containsEntry("x-auth-subject", "acme");
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("X-API-Rate-Limit");
        client.get().uri(ForwardAuthHandler.PATH)
                .header("X-Original-Method", "GET").header("X-Original-URI", "/demo/genuin/items")
                .header("gn-access-token", token)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.OK)
                .expectHeader().valueEquals("X-Auth-Subject", "acme")
                .expectHeader().doesNotExist("X-API-Rate-Limit")
                .expectBody().isEmpty();
    }
}
