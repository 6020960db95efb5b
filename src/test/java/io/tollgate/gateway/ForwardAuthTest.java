package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.TestUpstream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Forward authentication ({@code /auth/check}) answered directly, as an ingress would ask: every
 * status, header and body it gives, exactly, against what the same request through the gateway
 * gets. Through a real nginx: {@code NginxForwardAuthTest}.
 */
class ForwardAuthTest extends IntegrationTest {

    static final String MISSING = "{\"code\":\"4010\",\"message\":\"Access token missing.\",\"data\":{}}";
    static final String INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";
    static final String DENIED = "{\"code\":\"4030\",\"message\":\"Access denied.\",\"data\":{}}";
    static final String MALFORMED =
            "{\"code\":\"1099\",\"message\":\"An unexpected error occurred processing the request\",\"data\":{}}";
    static final String BEARER_MISSING =
            "{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}";
    static final String BEARER_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";
    static final String PATH_REFUSED =
            "{\"error\":\"invalid_request\",\"error_description\":\"The request path is not accepted\"}";
    static final String REALM = "Bearer realm=\"tollgate\"";

    @Autowired
    MeterRegistry registry;

    @Test
    void anAdmittedRequestGets200WithTheIdentityTheUpstreamWouldGet() {
        String token = brandToken();
        EntityExchangeResult<byte[]> admitted = check(nginx("GET", "/demo/genuin/items"),
                h -> {
                    h.set("gn-access-token", token);
                    h.set("X-Auth-Subject", "admin");
                    h.set("X-Auth-Role", "root");
                });
        assertThat(admitted.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(admitted.getResponseBody()).isNull();
        assertThat(admitted.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        Map<String, String> proxied = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", token).header("X-Auth-Subject", "admin"));
        Map<String, String> relayed = new TreeMap<>();
        proxied.forEach((name, value) -> {
            if (name.startsWith("x-auth-")) {
                relayed.put(name, value);
            }
        });
        assertThat(relayed).isEqualTo(Map.of("x-auth-subject", "acme", "x-auth-kind", "brand",
                "x-auth-client", "acme", "x-auth-scopes", "content:read content:write", "x-auth-issuer", "tollgate"));
        assertThat(identityHeaders(admitted)).isEqualTo(relayed);
    }

    @Test
    void traefiksHeadersNameTheOriginalRequestToo() {
        EntityExchangeResult<byte[]> admitted = check(Map.of("X-Forwarded-Method", "GET",
                        "X-Forwarded-Uri", "/demo/bearer/orders?page=2", "X-Forwarded-Host", "api.example.com"),
                h -> h.setBearerAuth(channelToken()));
        assertThat(admitted.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(identityHeaders(admitted)).isEqualTo(Map.of("x-auth-subject", "channel_user",
                "x-auth-kind", "channel", "x-auth-scopes", "connectivity", "x-auth-issuer", "tollgate"));
    }

    @Test
    void anOpenRouteIsAdmittedWithNoIdentity() {
        EntityExchangeResult<byte[]> admitted = check(nginx("GET", "/demo/public/hello"),
                h -> h.set("X-Auth-Subject", "admin"));
        assertThat(admitted.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(identityHeaders(admitted)).isEmpty();
    }

    @Test
    void noTokenIs401WithTheGenuinRoutesOwnBody() {
        assertRefused(check(nginx("GET", "/demo/genuin/items"), h -> {}),
                HttpStatus.UNAUTHORIZED, "401", "4010", null, MISSING);
    }

    @Test
    void anInvalidTokenIs401With4011() {
        assertRefused(check(nginx("GET", "/demo/genuin/items"), h -> h.set("gn-access-token", "not.a.token")),
                HttpStatus.UNAUTHORIZED, "401", "4011", null, INVALID);
    }

    @Test
    void theWrongKindIs403With4030() {
        String channel = channelToken();
        assertRefused(check(nginx("GET", "/demo/genuin/items"), h -> h.setBearerAuth(channel)),
                HttpStatus.FORBIDDEN, "403", "4030", null, DENIED);
    }

    @Test
    void aMissingScopeIs403WithTheBearerChallenge() {
        String channel = channelToken();
        String challenge = REALM + ", error=\"insufficient_scope\", error_description=\"The access token lacks a "
                + "required scope\", scope=\"content:admin content:read\"";
        assertRefused(check(nginx("GET", "/test/bearer-admin/x"), h -> h.setBearerAuth(channel)),
                HttpStatus.FORBIDDEN, "403", "insufficient_scope", challenge,
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token lacks a required scope\"}");
    }

    @Test
    void theBearerRoutesOwn401sCarryItsChallenge() {
        assertRefused(check(nginx("GET", "/demo/bearer/orders"), h -> {}),
                HttpStatus.UNAUTHORIZED, "401", "unauthorized", REALM, BEARER_MISSING);
        assertRefused(check(nginx("GET", "/demo/bearer/orders"), h -> h.setBearerAuth("not.a.token")),
                HttpStatus.UNAUTHORIZED, "401", "invalid_token",
                REALM + ", error=\"invalid_token\", error_description=\"The access token is invalid\"", BEARER_INVALID);
    }

    @Test
    void ambiguousCredentialsAre403CarryingTheRoutes400() {
        String token = brandToken();
        assertRefused(check(nginx("GET", "/demo/genuin/items"), h -> {
                    h.set("gn-access-token", token);
                    h.setBearerAuth("another");
                }),
                HttpStatus.FORBIDDEN, "400", "1099", null, MALFORMED);
    }

    @Test
    void aPathTheFirewallRefusesIs403CarryingTheRoutes400() {
        double before = pathRefusals();
        assertRefused(check(nginx("GET", "/demo/genuin/../admin"), h -> h.set("gn-access-token", brandToken())),
                HttpStatus.FORBIDDEN, "400", "1099", null, MALFORMED);
        assertRefused(check(nginx("GET", "/demo/bearer/%2e%2e/admin"), h -> {}),
                HttpStatus.FORBIDDEN, "400", "invalid_request", null, PATH_REFUSED);
        assertThat(pathRefusals()).isEqualTo(before + 2);
    }

    @Test
    void theRouteIsPickedByItsPredicatesMethodIncluded() {
        assertThat(check(nginx("POST", "/api/thirdparty/auth"), h -> {}).getStatus()).isEqualTo(HttpStatus.OK);
        assertRefused(check(nginx("GET", "/api/thirdparty/auth"), h -> {}),
                HttpStatus.UNAUTHORIZED, "401", "unauthorized", REALM, BEARER_MISSING);
    }

    @Test
    void noMatchingRouteGetsTheDefaultPolicy() {
        assertRefused(check(nginx("GET", "/nowhere/at/all"), h -> {}),
                HttpStatus.UNAUTHORIZED, "401", "unauthorized", REALM, BEARER_MISSING);
        String token = brandToken();
        EntityExchangeResult<byte[]> admitted = check(nginx("DELETE", "/nowhere/at/all"),
                h -> h.set("gn-access-token", token));
        assertThat(admitted.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(identityHeaders(admitted)).containsEntry("x-auth-subject", "acme");
    }

    @Test
    void headersThatNameNoOriginalRequestAreRefusedAsAPath() {
        String token = brandToken();
        for (Map<String, String> unnamed : java.util.List.of(
                Map.<String, String>of(),
                Map.of("X-Original-URI", "/demo/genuin/items"),
                Map.of("X-Original-Method", "GET"),
                Map.of("X-Original-Method", "G ET", "X-Original-URI", "/demo/genuin/items"),
                Map.of("X-Original-Method", "GET", "X-Original-URI", "demo/genuin/items"),
                Map.of("X-Original-Method", "GET", "X-Original-URI", "/demo/genuin/a b"),
                Map.of("X-Forwarded-Method", "GET", "X-Forwarded-Uri", "/demo/genuin/items",
                        "X-Forwarded-Host", "a b"),
                Map.of("X-Forwarded-Uri", "/demo/genuin/items"))) {
            assertRefused(check(unnamed, h -> h.set("gn-access-token", token)),
                    HttpStatus.FORBIDDEN, "400", "invalid_request", null, PATH_REFUSED);
        }
        assertRefused(check(nginx("GET", "/demo/genuin/items"), h -> {
                    h.add("X-Original-URI", "/demo/public/hello");
                    h.set("gn-access-token", token);
                }),
                HttpStatus.FORBIDDEN, "400", "invalid_request", null, PATH_REFUSED);
    }

    @Test
    void aCheckCountsInTheGuardsMeter() {
        double before = registry.get("tollgate.validations").tags("issuer", "unknown", "scheme", "none",
                "outcome", "rejected", "reason", "missing").counter().count();
        check(nginx("GET", "/demo/genuin/items"), h -> {});
        assertThat(registry.get("tollgate.validations").tags("issuer", "unknown", "scheme", "none",
                "outcome", "rejected", "reason", "missing").counter().count()).isEqualTo(before + 1);
        assertThat(registry.find("http.server.requests").tag("uri", ForwardAuthHandler.PATH).timer())
                .as("Spring Boot's request timer tells the checks apart").isNotNull();
    }

    static Map<String, String> nginx(String method, String uri) {
        return Map.of("X-Original-Method", method, "X-Original-URI", uri);
    }

    private EntityExchangeResult<byte[]> check(Map<String, String> original, Consumer<HttpHeaders> headers) {
        return client.get().uri("/auth/check")
                .headers(h -> {
                    original.forEach(h::set);
                    headers.accept(h);
                })
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static Map<String, String> identityHeaders(EntityExchangeResult<byte[]> result) {
        Map<String, String> identity = new TreeMap<>();
        result.getResponseHeaders().forEach((name, values) -> {
            if (name.toLowerCase().startsWith("x-auth-")) {
                identity.put(name.toLowerCase(), String.join(",", values));
            }
        });
        return identity;
    }

    private static void assertRefused(EntityExchangeResult<byte[]> result, HttpStatus status, String routeStatus,
            String code, String challenge, String body) {
        HttpHeaders headers = result.getResponseHeaders();
        assertThat(result.getStatus()).isEqualTo(status);
        assertThat(headers.getFirst(ForwardAuthHandler.STATUS_HEADER)).isEqualTo(routeStatus);
        assertThat(headers.getFirst(ForwardAuthHandler.CODE_HEADER)).isEqualTo(code);
        assertThat(headers.getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo(challenge);
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(headers.getCacheControl()).isEqualTo("no-store");
        assertThat(new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(headers.headerNames()).noneMatch(name -> name.toLowerCase().startsWith("x-auth-"));
    }

    private double pathRefusals() {
        return registry.get("tollgate.validations").tags("issuer", "unknown", "scheme", "none",
                "outcome", "rejected", "reason", "path").counter().count();
    }
}
