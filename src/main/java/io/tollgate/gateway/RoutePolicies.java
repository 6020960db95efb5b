package io.tollgate.gateway;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.token.TokenKind;
import io.tollgate.validation.ScopeSyntax;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.route.Route;

/**
 * Reads each route's policy from its {@code metadata.tollgate} once and keeps it while the route
 * lives (routes are rebuilt on refresh; the cache holds them weakly, by identity).
 *
 * <p>Route metadata arrives as YAML made it: a list may be a {@link List}, a map keyed {@code 0},
 * {@code 1}, … (how Spring Boot binds lists into {@code Map<String, Object>}), or a comma-separated
 * string. Unknown keys or values, and keys that contradict each other (docs/CONFIGURATION.md lists
 * the rules), fail loudly with one line naming the route and the fix, rather than open a route by
 * accident or silently ignore part of its policy. An issuer a route names must be {@code
 * tollgate} or the {@code id} of an entry of {@code tollgate.validation.issuers}: a misspelt id
 * would otherwise refuse every token of the issuer the operator meant.
 */
public final class RoutePolicies {

    static final String METADATA_KEY = "tollgate";
    private static final List<String> KEY_ORDER =
            List.of("auth", "schemes", "kinds", "scopes", "audience", "issuers", "dialect", "rate-limit");
    private static final Set<String> KEYS = Set.copyOf(KEY_ORDER);
    private static final String KEY_LIST = String.join(", ", KEY_ORDER);
    /** The keys about the token, which a route that checks none cannot use. */
    private static final List<String> TOKEN_KEYS = List.of("schemes", "kinds", "scopes", "audience", "issuers");
    private static final String KIND_LIST = EnumSet.allOf(TokenKind.class).stream()
            .map(TokenKind::claimValue).collect(Collectors.joining(", "));

    /**
     * Read on every request. Maintenance (clearing collected routes) runs on the reading thread:
     * with Caffeine's default executor every few reads woke a common-pool thread, the largest
     * single cost JMH's stack profiler found in the guard ({@code GuardBenchmark}).
     */
    private final LoadingCache<Route, RoutePolicy> policies = Caffeine.newBuilder()
            .weakKeys()
            .executor(Runnable::run)
            .build(route -> parse(route.getId(), route.getMetadata()));

    /** The ids a route may name in {@code issuers}, in the order they are configured. */
    private final Set<String> issuerIds;
    private final String issuerList;

    /** @param issuerIds every configured issuer id, {@code tollgate} included */
    public RoutePolicies(Collection<String> issuerIds) {
        this.issuerIds = Set.copyOf(issuerIds);
        this.issuerList = String.join(", ", new LinkedHashSet<>(issuerIds));
    }

    public RoutePolicy forRoute(Route route) {
        return policies.get(route);
    }

    RoutePolicy parse(String routeId, Map<String, Object> metadata) {
        Object declared = metadata.get(METADATA_KEY);
        if (declared == null) {
            return RoutePolicy.DEFAULT;
        }
        if (!(declared instanceof Map<?, ?> policy)) {
            throw invalid(routeId, "metadata.tollgate must be a map of " + KEY_LIST);
        }
        for (Object key : policy.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw invalid(routeId, "unknown key metadata.tollgate." + key + ": use " + KEY_LIST);
            }
        }
        RoutePolicy defaults = RoutePolicy.DEFAULT;
        RoutePolicy parsed;
        try {
            parsed = new RoutePolicy(
                    policy.containsKey("auth") ? enumValue(routeId, "auth", AuthMode.class, policy.get("auth"))
                            : defaults.auth(),
                    policy.containsKey("schemes")
                            ? parseSet(routeId, "schemes", policy.get("schemes"), value -> schemeOf(routeId, value),
                                    Scheme.class, "list bearer, gn-access-token or both, or leave schemes out for both")
                            : defaults.schemes(),
                    policy.containsKey("kinds")
                            ? parseSet(routeId, "kinds", policy.get("kinds"), value -> kindOf(routeId, value),
                                    TokenKind.class, "list the kinds it admits (" + KIND_LIST
                                            + "), or leave kinds out for all")
                            : defaults.kinds(),
                    policy.containsKey("scopes") ? scopes(routeId, policy.get("scopes")) : defaults.scopes(),
                    policy.containsKey("audience") ? String.valueOf(policy.get("audience")).trim() : defaults.audience(),
                    policy.containsKey("issuers") ? issuers(routeId, policy.get("issuers")) : defaults.issuers(),
                    policy.containsKey("dialect")
                            ? enumValue(routeId, "dialect", Dialect.class, policy.get("dialect"))
                            : defaults.dialect(),
                    policy.containsKey("rate-limit")
                            ? enumValue(routeId, "rate-limit", RateLimitKey.class, policy.get("rate-limit"))
                            : defaults.rateLimit());
        } catch (IllegalArgumentException e) {
            throw invalid(routeId, e.getMessage());
        }
        requireConsistent(routeId, policy, parsed);
        return parsed;
    }

    /**
     * A policy whose keys contradict each other: each would be ignored at request time, so the
     * route would not do what its configuration says.
     */
    private static void requireConsistent(String routeId, Map<?, ?> policy, RoutePolicy parsed) {
        if (parsed.auth() == AuthMode.NONE) {
            List<String> unused = TOKEN_KEYS.stream().filter(policy::containsKey).toList();
            if (!unused.isEmpty()) {
                throw invalid(routeId, "auth: none checks no token, so " + String.join(", ", unused)
                        + (unused.size() == 1 ? " would never apply: remove it" : " would never apply: remove them")
                        + ", or set auth: required (or optional)");
            }
            if (policy.containsKey("rate-limit") && parsed.rateLimit() == RateLimitKey.CALLER) {
                throw invalid(routeId, "rate-limit: caller counts the callers of validated tokens, and auth: none "
                        + "validates none: use rate-limit: client-address, or none");
            }
        }
        if (parsed.audience() != null && parsed.audience().isEmpty()) {
            throw invalid(routeId, "audience is empty, and no token names an empty audience: name the audience, "
                    + "or remove the key");
        }
    }

    private Set<String> issuers(String routeId, Object raw) {
        Collection<String> issuers = strings(raw);
        for (String issuer : issuers) {
            if (!issuerIds.contains(issuer)) {
                throw invalid(routeId, "unknown issuer " + quote(issuer) + ": use " + issuerList
                        + " (tollgate, or the id of an entry of tollgate.validation.issuers)");
            }
        }
        if (issuers.isEmpty()) {
            throw invalid(routeId, "issuers is empty, so the route would accept no token: list the issuers it "
                    + "trusts (" + issuerList + "), or leave issuers out for tollgate alone");
        }
        return Set.copyOf(issuers);
    }

    private static Set<String> scopes(String routeId, Object raw) {
        Collection<String> scopes = strings(raw);
        for (String scope : scopes) {
            if (!ScopeSyntax.isScopeToken(scope)) {
                throw invalid(routeId, "scope " + quote(scope) + " is not one scope name (printable ASCII without "
                        + "spaces, quotes or backslashes, RFC 6749 §3.3): list each scope as an item of its own");
            }
        }
        return Set.copyOf(scopes);
    }

    private static <E extends Enum<E>> Set<E> parseSet(
            String routeId, String key, Object raw, Function<String, E> parse, Class<E> type, String fix) {
        Set<E> values = EnumSet.noneOf(type);
        for (String value : strings(raw)) {
            values.add(parse.apply(value));
        }
        if (values.isEmpty()) {
            throw invalid(routeId, key + " is empty, so the route would accept no token: " + fix);
        }
        return values;
    }

    private static Scheme schemeOf(String routeId, String value) {
        for (Scheme scheme : List.of(Scheme.BEARER, Scheme.GN_ACCESS_TOKEN)) {
            if (scheme.tag().equalsIgnoreCase(value)) {
                return scheme;
            }
        }
        throw invalid(routeId, "unknown scheme " + quote(value) + ": use bearer or gn-access-token");
    }

    private static TokenKind kindOf(String routeId, String value) {
        try {
            return TokenKind.fromClaimValue(value);
        } catch (IllegalArgumentException e) {
            throw invalid(routeId, "unknown kind " + quote(value) + ": use " + KIND_LIST);
        }
    }

    private static <E extends Enum<E>> E enumValue(String routeId, String key, Class<E> type, Object raw) {
        try {
            return Enum.valueOf(type, String.valueOf(raw).trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(routeId, key + " " + quote(raw) + " is not one of " + EnumSet.allOf(type).stream()
                    .map(value -> value.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** A configured value in quotes, on one line. */
    private static String quote(Object value) {
        String text = String.valueOf(value);
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            quoted.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return quoted.append('\'').toString();
    }

    private static Collection<String> strings(Object raw) {
        Collection<?> items;
        if (raw instanceof Collection<?> list) {
            items = list;
        } else if (raw instanceof Map<?, ?> indexed) {
            items = indexed.values();
        } else {
            items = List.of(String.valueOf(raw).split(","));
        }
        Set<String> values = new LinkedHashSet<>();
        for (Object item : items) {
            String value = String.valueOf(item).trim();
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static InvalidConfigurationException invalid(String routeId, String problem) {
        return new InvalidConfigurationException("route " + routeId + ": " + problem,
                "the metadata.tollgate of route " + routeId);
    }
}
