package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Failures answer with a status and a short body: never a stack trace or an exception name. */
class ErrorResponseTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Spring Cloud Gateway's own answer would be 500; a gateway says 502 for its upstream's failure. */
    @Test
    void anUpstreamThatRefusesTheConnectionIs502WithoutStackTrace() {
        assertBadGateway("/test/unreachable/x");
    }

    @Test
    void anUpstreamThatClosesTheConnectionBeforeAnsweringIs502WithoutStackTrace() {
        assertBadGateway("/test/closing/x");
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

    private void assertBadGateway(String path) {
        String body = client.get().uri(path).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode error = JSON.readTree(body);
        assertThat(error.propertyNames()).containsExactlyInAnyOrder("timestamp", "path", "status", "error", "requestId");
        assertThat(error.path("status").asInt()).isEqualTo(502);
        assertThat(error.path("error").asString()).isEqualTo("Bad Gateway");
        assertThat(error.path("path").asString()).isEqualTo(path);
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
