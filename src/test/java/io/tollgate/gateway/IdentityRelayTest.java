package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.TestUpstream;
import io.tollgate.support.TestRoutes;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;

/**
 * Step 4: the upstream sees the gateway's identity headers and never a client's; route filters
 * see no client's either, and cannot forge one.
 */
class IdentityRelayTest extends IntegrationTest {

    @Test
    void spoofedIdentityHeadersAreReplacedOnProtectedRoutes() {
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", brandToken())
                .header("X-Auth-Subject", "admin")
                .header("x-auth-kind", "oauth-app")
                .header("x-auth-issuer", "keycloak")
                .header("X-AUTH-ROLE", "root"));
        assertThat(headers).containsEntry("x-auth-subject", "acme")
                .containsEntry("x-auth-kind", "brand")
                .containsEntry("x-auth-client", "acme")
                .containsEntry("x-auth-scopes", "content:read content:write")
                .containsEntry("x-auth-issuer", "tollgate")
                .doesNotContainKey("x-auth-role");
    }

    @Test
    void spoofedIdentityHeadersAreRemovedOnPublicRoutes() {
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/demo/public/hello")
                .header("X-Auth-Subject", "admin")
                .header("X-Auth-Issuer", "keycloak")
                .header("X-Other", "kept"));
        assertThat(headers).doesNotContainKey("x-auth-subject").doesNotContainKey("x-auth-issuer")
                .containsEntry("x-other", "kept");
    }

    @Test
    void channelTokensCarryNoClient() {
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri("/demo/bearer/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + channelToken())
                .header("X-Auth-Client", "spoofed"));
        assertThat(headers).containsEntry("x-auth-subject", "channel_user")
                .containsEntry("x-auth-kind", "channel")
                .containsEntry("x-auth-scopes", "connectivity")
                .doesNotContainKey("x-auth-client");
    }

    @Test
    void routeFiltersNeitherSeeNorForgeIdentity() {
        Map<String, Object> echo = client.get().uri("/test/route-filters/items")
                .header("gn-access-token", brandToken())
                .header("X-Auth-Subject", "admin")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(TestRoutes.SUBJECT_SEEN_BY_ROUTE_FILTER, "none")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) echo.get("headers");
        assertThat(headers).containsKey("gn-access-token");
        assertThat(identityHeaders(headers)).isEqualTo(Map.of(
                "x-auth-subject", "acme",
                "x-auth-kind", "brand",
                "x-auth-client", "acme",
                "x-auth-scopes", "content:read content:write",
                "x-auth-issuer", "tollgate"));
    }

    @Test
    void aLocalHandlerBehindAForwardRouteGetsTheIdentityToo() {
        Map<String, String> headers = TestUpstream.echoedHeaders(client.get().uri(TestRoutes.LOCAL_ECHO)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + brandToken())
                .header("X-Auth-Subject", "admin"));
        assertThat(headers).containsEntry("X-Auth-Subject", "acme")
                .containsEntry("X-Auth-Kind", "brand")
                .containsEntry("X-Auth-Client", "acme")
                .containsEntry("X-Auth-Scopes", "content:read content:write")
                .containsEntry("X-Auth-Issuer", "tollgate");
        assertThat(identityHeaders(headers)).hasSize(5);
    }

    private static Map<String, String> identityHeaders(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> IdentityRelay.isIdentityHeader(header.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
