package io.tollgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every value in values.yaml does something: for each leaf, the chart is rendered with that value
 * changed, and the manifests must change.
 *
 * <p>Why render rather than grep the templates for {@code .Values.a.b}: a reference can sit in a
 * branch no setting reaches, be read through a variable ({@code $values.a.b}, {@code with}), or
 * be shadowed by another key; only a change in the output proves the value reaches a manifest.
 * Some values only matter in some modes (gateway.replicaCount is ignored under autoscaling,
 * issuer.replicaCount outside split mode), so each leaf is tried against two complete
 * configurations, and one change in either is enough; the settings of redis.mode's Sentinel and
 * Cluster topologies are read only in their mode, so each has a configuration of its own, the
 * Sentinel one also naming a cluster so that redis.mode can move between two modes that render.
 * An enum leaf tries every other choice. A changed value that makes rendering fail proves nothing
 * and does not count.
 */
class ChartValuesCoverageTest {

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final List<Map<String, Object>> BASES = List.of(Values.splitWithEverything(),
            Values.embeddedOnRedis(),
            Values.with(ChartRedisModesTest.sentinel(), "redis.cluster.nodes", List.of("redis-cluster-0:6379")),
            ChartRedisModesTest.cluster());

    @Test
    void everyValueChangesTheRenderedManifests() throws IOException {
        JsonNode schema = JsonMapper.builder().build()
                .readTree(Files.readString(TollgateChart.DIR.resolve("values.schema.json")));
        Map<String, Object> defaults = TollgateChart.defaultValues();
        List<String> baseline = BASES.stream().map(TollgateChart::template).toList();

        List<List<String>> leaves = new ArrayList<>();
        collectLeaves(defaults, List.of(), leaves);
        List<String> unused = new ArrayList<>();
        for (List<String> leaf : leaves) {
            boolean changed = false;
            for (int i = 0; i < BASES.size() && !changed; i++) {
                Object current = Optional.ofNullable(Values.get(BASES.get(i), leaf)).orElse(Values.get(defaults, leaf));
                for (Object changedValue : mutations(current, enumOf(schema, leaf))) {
                    Map<String, Object> values = Values.deepCopy(BASES.get(i));
                    Values.put(values, leaf, changedValue);
                    Optional<String> output = renders(values);
                    changed = changed || output.isPresent() && !output.get().equals(baseline.get(i));
                }
            }
            if (!changed) {
                unused.add(String.join(".", leaf));
            }
        }

        assertThat(leaves).hasSizeGreaterThan(60);
        assertThat(unused).as("values that change no manifest").isEmpty();
    }

    private static Optional<String> renders(Map<String, Object> values) {
        try {
            return Optional.of(TollgateChart.template(values));
        } catch (IllegalStateException renderingFailed) {
            return Optional.empty();
        }
    }

    /** Leaves: scalars, lists and empty maps; non-empty maps are walked into. */
    @SuppressWarnings("unchecked")
    private static void collectLeaves(Map<String, Object> map, List<String> path, List<List<String>> leaves) {
        map.forEach((key, value) -> {
            List<String> child = new ArrayList<>(path);
            child.add(key);
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                collectLeaves((Map<String, Object>) nested, child, leaves);
            } else {
                leaves.add(child);
            }
        });
    }

    /** Different values of the same kind that the schema accepts: every other choice of an enum, else one. */
    private static List<Object> mutations(Object value, List<String> allowed) {
        if (!allowed.isEmpty()) {
            return allowed.stream().filter(choice -> !choice.equals(value)).map(Object.class::cast).toList();
        }
        return List.of(mutate(value));
    }

    private static Object mutate(Object value) {
        if (value instanceof Boolean flag) {
            return !flag;
        }
        if (value instanceof Integer number) {
            return number + 1;
        }
        if (value instanceof List<?> list) {
            List<Object> longer = new ArrayList<>(list);
            longer.add(list.isEmpty() ? Map.of("name", "changed") : list.get(0));
            return longer;
        }
        if (value instanceof Map<?, ?>) {
            return new LinkedHashMap<>(Map.of("changed", "yes"));
        }
        String text = String.valueOf(value);
        Matcher number = NUMBER.matcher(text);
        if (number.find()) {
            return text.substring(0, number.start()) + (Long.parseLong(number.group()) + 1) + text.substring(number.end());
        }
        return text + "changed";
    }

    private static List<String> enumOf(JsonNode schema, List<String> path) {
        JsonNode node = schema;
        for (String key : path) {
            node = node.path("properties").path(key);
        }
        List<String> choices = new ArrayList<>();
        node.path("enum").forEach(choice -> choices.add(choice.asString()));
        return choices;
    }
}
