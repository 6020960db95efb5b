package io.tollgate.helm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chart values written as dotted paths ({@code "issuer.mode", "split"}), for readable tests. */
final class Values {

    /** Placeholder key material: the chart only carries it, never parses it. */
    static final String JWKS = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"chart-test\",\"k\":\"c2VjcmV0\"}]}";
    /** A {@code tollgate.admin.tokens} entry: the SHA-256 of "chart-test-operator-token". */
    static final String OPERATOR_TOKEN_HASH =
            "{sha256}f1c4c5fc824e099352a2413789b1451390f161304928f190e6b68633f20eb879";
    static final String CREDENTIALS = "tollgate:\n  credentials:\n    brands: []\n";

    /**
     * Split mode with every optional resource on: Redis with a password, two issuer pods sharing
     * keys, autoscaling, a ServiceMonitor, NetworkPolicies and PodDisruptionBudgets.
     */
    static Map<String, Object> splitWithEverything() {
        return of(
                "issuer.mode", "split",
                "issuer.replicaCount", 2,
                "network.trustedProxies", List.of("10.0.0.0/8"),
                "admin.tokens", List.of(OPERATOR_TOKEN_HASH),
                "store.type", "redis",
                "redis.url", "redis://redis-master:6379",
                "redis.password", "chart-test-redis-password",
                "secrets.jwks", JWKS,
                "secrets.credentials", CREDENTIALS,
                "autoscaling.enabled", true,
                "serviceMonitor.enabled", true,
                "networkPolicy.enabled", true,
                "podDisruptionBudget.enabled", true);
    }

    /** Embedded mode on Redis, with keys, a ServiceMonitor, a NetworkPolicy and a PDB. */
    static Map<String, Object> embeddedOnRedis() {
        return of(
                "store.type", "redis",
                "redis.url", "redis://redis-master:6379",
                "redis.password", "chart-test-redis-password",
                "secrets.jwks", JWKS,
                "secrets.credentials", CREDENTIALS,
                "serviceMonitor.enabled", true,
                "networkPolicy.enabled", true,
                "podDisruptionBudget.enabled", true);
    }

    static Map<String, Object> of(Object... pathsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            put(values, (String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return values;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... pathsAndValues) {
        Map<String, Object> values = deepCopy(base);
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            put(values, (String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return values;
    }

    static void put(Map<String, Object> values, String path, Object value) {
        put(values, List.of(path.split("\\.")), value);
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> values, List<String> path, Object value) {
        Map<String, Object> map = values;
        for (String key : path.subList(0, path.size() - 1)) {
            map = (Map<String, Object>) map.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        }
        map.put(path.get(path.size() - 1), value);
    }

    /** The value at {@code path}, or null. */
    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> values, List<String> path) {
        Object node = values;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map
                ? deepCopy((Map<String, Object>) map)
                : value));
        return copy;
    }

    private Values() {}
}
