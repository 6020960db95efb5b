package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.token.TokenKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import reactor.core.publisher.Flux;

/** Route policies as YAML and Java deliver them, and refusals of anything unknown. */
class RoutePoliciesTest {

    /** Tollgate and one configured external issuer, {@code keycloak}. */
    private static final RoutePolicies POLICIES = new RoutePolicies(List.of("tollgate", "keycloak"));

    @Test
    void listsBoundFromYamlAsIndexedMapsAreRead() {
        Map<String, Object> yamlLike = Map.of("tollgate", Map.of(
                "auth", "required",
                "schemes", indexed("gn-access-token", "bearer"),
                "kinds", indexed("brand"),
                "scopes", indexed("content:write"),
                "audience", "content-api",
                "issuers", indexed("keycloak", "tollgate"),
                "dialect", "genuin",
                "rate-limit", "client-address"));
        RoutePolicy policy = POLICIES.parse("r", yamlLike);
        assertThat(policy).isEqualTo(new RoutePolicy(AuthMode.REQUIRED, Set.of(Scheme.GN_ACCESS_TOKEN, Scheme.BEARER),
                Set.of(TokenKind.BRAND), Set.of("content:write"), "content-api", Set.of("keycloak", "tollgate"),
                Dialect.GENUIN, RateLimitKey.CLIENT_ADDRESS));
    }

    @Test
    void listsAndCommaSeparatedStringsAreRead() {
        RoutePolicy policy = POLICIES.parse("r", Map.of("tollgate", Map.of(
                "schemes", "bearer",
                "kinds", List.of("OAUTH-USER", "oauth-app"),
                "scopes", "a, b")));
        assertThat(policy.schemes()).containsExactly(Scheme.BEARER);
        assertThat(policy.kinds()).containsExactlyInAnyOrder(TokenKind.OAUTH_USER, TokenKind.OAUTH_APP);
        assertThat(policy.scopes()).containsExactlyInAnyOrder("a", "b");
        assertThat(policy.scopeString()).isEqualTo("a b");
    }

    @Test
    void aRouteWithoutPolicyIsClosed() {
        assertThat(POLICIES.parse("r", Map.of())).isEqualTo(RoutePolicy.DEFAULT);
        assertThat(RoutePolicy.DEFAULT.auth()).isEqualTo(AuthMode.REQUIRED);
        assertThat(RoutePolicy.DEFAULT.rateLimit()).isEqualTo(RateLimitKey.CALLER);
        assertThat(RoutePolicy.DEFAULT.issuers()).containsExactly("tollgate");
    }

    @Test
    void aRouteTrustsTollgateAloneUnlessItNamesItsIssuers() {
        assertThat(POLICIES.parse("r", Map.of("tollgate", Map.of("kinds", "brand"))).issuers())
                .containsExactly("tollgate");
        assertThat(POLICIES.parse("r", Map.of("tollgate", Map.of("issuers", "keycloak"))).issuers())
                .containsExactly("keycloak");
        assertThat(POLICIES.parse("r", Map.of("tollgate", Map.of("issuers", List.of("tollgate", "keycloak"))))
                .issuers()).containsExactlyInAnyOrder("tollgate", "keycloak");
    }

    @Test
    void anIssuerThatIsNotConfiguredIsRefusedWithTheIdsToUse() {
        refused(Map.of("issuers", List.of("tollgate", "keycloack")), "route r: unknown issuer 'keycloack': use "
                + "tollgate, keycloak (tollgate, or the id of an entry of tollgate.validation.issuers)");
        assertThatThrownBy(() -> new RoutePolicies(List.of("tollgate")).parse("r",
                Map.of("tollgate", Map.of("issuers", "keycloak"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("route r: unknown issuer 'keycloak': use tollgate (tollgate, or the id of an entry of "
                        + "tollgate.validation.issuers)");
        refused(Map.of("issuers", List.of()), "route r: issuers is empty, so the route would accept no token: list "
                + "the issuers it trusts (tollgate, keycloak), or leave issuers out for tollgate alone");
        refused(Map.of("auth", "none", "issuers", "keycloak"), "route r: auth: none checks no token, so issuers "
                + "would never apply: remove it, or set auth: required (or optional)");
    }

    @Test
    void unknownKeysAndValuesAreRefusedWithTheValuesToUse() {
        refused(Map.of("rate-limit", "per-moon"), "route r: rate-limit 'per-moon' is not one of caller, client-address, none");
        refused(Map.of("auht", "none"), "route r: unknown key metadata.tollgate.auht: use auth, schemes, kinds, scopes, "
                + "audience, issuers, dialect, rate-limit");
        refused(Map.of("auth", "sometimes"), "route r: auth 'sometimes' is not one of required, optional, none");
        refused(Map.of("dialect", "klingon"), "route r: dialect 'klingon' is not one of genuin, bearer, brand, channel");
        refused(Map.of("schemes", "basic"), "route r: unknown scheme 'basic': use bearer or gn-access-token");
        refused(Map.of("kinds", "root"), "route r: unknown kind 'root': use brand, channel, oauth-user, oauth-app");
        assertThatThrownBy(() -> POLICIES.parse("r", Map.of("tollgate", "none")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("route r: metadata.tollgate must be a map of auth, schemes, kinds, scopes, audience, issuers, "
                        + "dialect, rate-limit");
    }

    @Test
    void anEmptyListOfSchemesOrKindsIsRefused() {
        refused(Map.of("schemes", List.of()), "route r: schemes is empty, so the route would accept no token: "
                + "list bearer, gn-access-token or both, or leave schemes out for both");
        refused(Map.of("kinds", List.of()), "route r: kinds is empty, so the route would accept no token: "
                + "list the kinds it admits (brand, channel, oauth-user, oauth-app), or leave kinds out for all");
    }

    @Test
    void tokenKeysOnARouteThatChecksNoTokenAreRefused() {
        refused(Map.of("auth", "none", "scopes", List.of("content:read")), "route r: auth: none checks no token, so "
                + "scopes would never apply: remove it, or set auth: required (or optional)");
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("auth", "none");
        all.put("audience", "api");
        all.put("kinds", "brand");
        all.put("schemes", "bearer");
        refused(all, "route r: auth: none checks no token, so schemes, kinds, audience would never apply: remove "
                + "them, or set auth: required (or optional)");
    }

    @Test
    void aCallerRateLimitOnARouteThatChecksNoTokenIsRefused() {
        refused(Map.of("auth", "none", "rate-limit", "caller"), "route r: rate-limit: caller counts the callers of "
                + "validated tokens, and auth: none validates none: use rate-limit: client-address, or none");
        assertThat(POLICIES.parse("r", Map.of("tollgate", Map.of("auth", "none"))).auth())
                .isEqualTo(AuthMode.NONE);
        assertThat(POLICIES.parse("r", Map.of("tollgate", Map.of("auth", "none", "rate-limit", "client-address")))
                .rateLimit()).isEqualTo(RateLimitKey.CLIENT_ADDRESS);
    }

    @Test
    void anEmptyAudienceOrAScopeWithASpaceIsRefused() {
        refused(Map.of("audience", " "), "route r: audience is empty, and no token names an empty audience: name the "
                + "audience, or remove the key");
        refused(Map.of("scopes", List.of("content read")), "route r: scope 'content read' is not one scope name "
                + "(printable ASCII without spaces, quotes or backslashes, RFC 6749 §3.3): list each scope as an item "
                + "of its own");
    }

    @Test
    void theChannelDialectNeedsAuthNone() {
        refused(Map.of("dialect", "channel"), "route r: dialect: channel is for the channel token endpoint, whose "
                + "route has auth: none: set auth: none, or use dialect genuin or bearer");
    }

    /** Any scheme carries any kind of token, so kinds and scopes suit every list of schemes. */
    @Test
    void kindsAndScopesSuitEverySchemeList() {
        RoutePolicy policy = POLICIES.parse("r", Map.of("tollgate", Map.of("schemes", "gn-access-token",
                "kinds", List.of("oauth-user", "channel"), "scopes", List.of("profile"), "dialect", "genuin")));
        assertThat(policy.kinds()).containsExactlyInAnyOrder(TokenKind.OAUTH_USER, TokenKind.CHANNEL);
    }

    @Test
    void theStartCheckFailsOnABadRoute() {
        Route bad = Route.async().id("bad").uri("http://localhost").predicate(exchange -> true)
                .metadata("tollgate", Map.of("auth", "sometimes")).build();
        RoutePolicyCheck check = new RoutePolicyCheck(() -> Flux.just(bad), POLICIES);
        assertThatThrownBy(() -> check.run(null)).hasMessage("route bad: auth 'sometimes' is not one of required, "
                + "optional, none");
    }

    private static void refused(Map<String, Object> policy, String line) {
        assertThatThrownBy(() -> POLICIES.parse("r", Map.of("tollgate", policy)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(line);
    }

    private static Map<String, Object> indexed(String... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(String.valueOf(i), values[i]);
        }
        return map;
    }
}
