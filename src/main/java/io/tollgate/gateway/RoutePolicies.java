package io.tollgate.gateway;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tollgate.validation.TokenKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.cloud.gateway.route.Route;

/**
 * Reads each route's policy from its {@code metadata.tollgate} once and keeps it while the route
 * lives (routes are rebuilt on refresh; the cache holds them weakly, by identity).
 *
 * <p>Route metadata arrives as YAML made it: a list may be a {@link List}, a map keyed {@code 0},
 * {@code 1}, … (how Spring Boot binds lists into {@code Map<String, Object>}), or a comma-separated
 * string. Unknown keys or values fail loudly rather than open a route by accident.
 */
public final class RoutePolicies {

    static final String METADATA_KEY = "tollgate";
    private static final Set<String> KEYS = Set.of("auth", "schemes", "kinds", "scopes", "audience", "dialect", "rate-limit");

    /**
     * Read on every request. Maintenance (clearing collected routes) runs on the reading thread:
     * with Caffeine's default executor every few reads woke a common-pool thread, the largest
     * single cost JMH's stack profiler found in the guard ({@code GuardBenchmark}).
     */
    private final LoadingCache<Route, RoutePolicy> policies = Caffeine.newBuilder()
            .weakKeys()
            .executor(Runnable::run)
            .build(route -> parse(route.getId(), route.getMetadata()));

    public RoutePolicy forRoute(Route route) {
        return policies.get(route);
    }

    static RoutePolicy parse(String routeId, Map<String, Object> metadata) {
        Object declared = metadata.get(METADATA_KEY);
        if (declared == null) {
            return RoutePolicy.DEFAULT;
        }
        if (!(declared instanceof Map<?, ?> policy)) {
            throw invalid(routeId, "metadata.tollgate must be a map");
        }
        for (Object key : policy.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw invalid(routeId, "unknown key metadata.tollgate." + key);
            }
        }
        RoutePolicy defaults = RoutePolicy.DEFAULT;
        try {
            return new RoutePolicy(
                    policy.containsKey("auth") ? enumValue(routeId, AuthMode.class, policy.get("auth")) : defaults.auth(),
                    policy.containsKey("schemes")
                            ? parseSet(routeId, policy.get("schemes"), value -> schemeOf(routeId, value), Scheme.class)
                            : defaults.schemes(),
                    policy.containsKey("kinds")
                            ? parseSet(routeId, policy.get("kinds"), value -> kindOf(routeId, value), TokenKind.class)
                            : defaults.kinds(),
                    policy.containsKey("scopes") ? Set.copyOf(strings(policy.get("scopes"))) : defaults.scopes(),
                    policy.containsKey("audience") ? String.valueOf(policy.get("audience")) : defaults.audience(),
                    policy.containsKey("dialect")
                            ? enumValue(routeId, Dialect.class, policy.get("dialect"))
                            : defaults.dialect(),
                    policy.containsKey("rate-limit")
                            ? enumValue(routeId, RateLimitKey.class, policy.get("rate-limit"))
                            : defaults.rateLimit());
        } catch (IllegalArgumentException e) {
            throw invalid(routeId, e.getMessage());
        }
    }

    private static <E extends Enum<E>> Set<E> parseSet(
            String routeId, Object raw, Function<String, E> parse, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (String value : strings(raw)) {
            values.add(parse.apply(value));
        }
        if (values.isEmpty()) {
            throw invalid(routeId, "an empty list of " + type.getSimpleName() + " accepts nothing");
        }
        return values;
    }

    private static Scheme schemeOf(String routeId, String value) {
        for (Scheme scheme : List.of(Scheme.BEARER, Scheme.GN_ACCESS_TOKEN)) {
            if (scheme.tag().equalsIgnoreCase(value)) {
                return scheme;
            }
        }
        throw invalid(routeId, "unknown scheme " + value);
    }

    private static TokenKind kindOf(String routeId, String value) {
        try {
            return TokenKind.fromClaimValue(value);
        } catch (IllegalArgumentException e) {
            throw invalid(routeId, "unknown kind " + value);
        }
    }

    private static <E extends Enum<E>> E enumValue(String routeId, Class<E> type, Object raw) {
        try {
            return Enum.valueOf(type, String.valueOf(raw).trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(routeId, "unknown " + type.getSimpleName() + " " + raw);
        }
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

    private static IllegalStateException invalid(String routeId, String problem) {
        return new IllegalStateException("Route " + routeId + ": " + problem);
    }
}
