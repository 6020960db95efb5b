package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.TestUpstream;
import io.tollgate.support.TestRoutes;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;

/**
 * Headers that CGI, WSGI and Rack fold into the same {@code HTTP_X_AUTH_*} variable as the
 * gateway's identity headers ({@code X_Auth_Subject}, {@code x_auth-kind}, …) never reach an
 * upstream, on guarded and on public routes.
 */
class IdentityLookAlikesTest extends IntegrationTest {

    @Test
    void lookAlikesAreRemovedOnAGuardedRoute() {
        Map<String, String> headers = TestUpstream.echoedHeaders(withLookAlikes(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", brandToken())));
        assertThat(foldedIdentityHeaders(headers)).isEqualTo(Map.of(
                "x-auth-subject", "acme",
                "x-auth-kind", "brand",
                "x-auth-client", "acme",
                "x-auth-scopes", "content:read content:write",
                "x-auth-issuer", "tollgate"));
    }

    @Test
    void lookAlikesAreRemovedOnABearerRoute() {
        Map<String, String> headers = TestUpstream.echoedHeaders(withLookAlikes(client.get().uri("/demo/bearer/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + channelToken())));
        assertThat(foldedIdentityHeaders(headers)).isEqualTo(Map.of(
                "x-auth-subject", "channel_user",
                "x-auth-kind", "channel",
                "x-auth-scopes", "connectivity",
                "x-auth-issuer", "tollgate"));
    }

    @Test
    void lookAlikesAreRemovedOnAPublicRoute() {
        Map<String, String> headers = TestUpstream.echoedHeaders(withLookAlikes(client.get().uri("/demo/public/hello")
                .header("X-Other_Header", "kept")));
        assertThat(foldedIdentityHeaders(headers)).isEmpty();
        assertThat(headers).containsEntry("x-other_header", "kept");
    }

    @Test
    void lookAlikesAreRemovedBeforeALocalHandler() {
        Map<String, String> headers = TestUpstream.echoedHeaders(withLookAlikes(client.get().uri(TestRoutes.LOCAL_ECHO)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + brandToken())));
        assertThat(foldedIdentityHeaders(headers)).isEqualTo(Map.of(
                "x-auth-subject", "acme",
                "x-auth-kind", "brand",
                "x-auth-client", "acme",
                "x-auth-scopes", "content:read content:write",
                "x-auth-issuer", "tollgate"));
    }

    private static RequestHeadersSpec<?> withLookAlikes(RequestHeadersSpec<?> request) {
        return request.header("X_Auth_Subject", "admin")
                .header("x_auth-kind", "oauth-app")
                .header("X-AUTH_CLIENT", "evil")
                .header("x_auth_scopes", "content:admin")
                .header("X-Auth_Issuer", "evil");
    }

    /** Every header whose name an upstream framework would read as {@code X-Auth-*}, by that name. */
    private static Map<String, String> foldedIdentityHeaders(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> folded(header.getKey()).startsWith("x-auth-"))
                .collect(Collectors.toMap(header -> folded(header.getKey()), Map.Entry::getValue,
                        (a, b) -> a + "," + b));
    }

    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
