package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Failures answer with a status and a short body: never a stack trace or an exception name. */
class ErrorResponseTest extends IntegrationTest {

    @Test
    void anUnreachableUpstreamIsAnErrorWithoutStackTrace() {
        String body = client.get().uri("/test/unreachable/x").exchange()
                .expectStatus().is5xxServerError()
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoInternals(body);
    }

    @Test
    void anUnknownPathIs404WithoutStackTrace() {
        String body = client.get().uri("/no/such/route").exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoInternals(body);
    }

    @Test
    void aHeaderBeyondTheServerLimitIsRefusedWithoutStackTrace() {
        String body = client.get().uri("/demo/genuin/items")
                .header("gn-access-token", "x".repeat(20 * 1024))
                .exchange()
                .expectStatus().is4xxClientError()
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoInternals(body);
    }

    @Test
    void aMalformedBodyToTheIssuerIsRefusedWithoutStackTrace() {
        String body = client.post().uri("/api/thirdparty/auth").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT, MediaType.ALL_VALUE)
                .bodyValue("{\"api_key\": [unterminated")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoInternals(body);
    }

    private static void assertNoInternals(String body) {
        if (body == null) {
            return;
        }
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.")
                .doesNotContain("trace");
    }
}
