package io.tollgate.gateway;

import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;

/** Step 4: the upstream sees the gateway's identity headers and never a client's. */
class IdentityRelayTest extends IntegrationTest {

    @Test
    void spoofedIdentityHeadersAreReplacedOnProtectedRoutes() {
        Map<String, String> headers = upstreamHeaders(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", brandToken())
                .header("X-Auth-Subject", "admin")
                .header("x-auth-kind", "oauth-app")
                .header("X-AUTH-ROLE", "root"));
        assertThat(headers).containsEntry("x-auth-subject", "acme")
                .containsEntry("x-auth-kind", "brand")
                .containsEntry("x-auth-client", "acme")
                .containsEntry("x-auth-scopes", "content:read content:write")
                .doesNotContainKey("x-auth-role");
    }

    @Test
    void spoofedIdentityHeadersAreRemovedOnPublicRoutes() {
        Map<String, String> headers = upstreamHeaders(client.get().uri("/demo/public/hello")
                .header("X-Auth-Subject", "admin")
                .header("X-Other", "kept"));
        assertThat(headers).doesNotContainKey("x-auth-subject").containsEntry("x-other", "kept");
    }

    @Test
    void channelTokensCarryNoClient() {
        Map<String, String> headers = upstreamHeaders(client.get().uri("/demo/bearer/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + channelToken())
                .header("X-Auth-Client", "spoofed"));
        assertThat(headers).containsEntry("x-auth-subject", "channel_user")
                .containsEntry("x-auth-kind", "channel")
                .containsEntry("x-auth-scopes", "connectivity")
                .doesNotContainKey("x-auth-client");
    }

    private Map<String, String> upstreamHeaders(
            RequestHeadersSpec<?> request) {
        Map<String, Object> echo = request.exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) echo.get("headers");
        return headers;
    }
}
