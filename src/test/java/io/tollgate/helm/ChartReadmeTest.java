package io.tollgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The values table of the chart's README matches values.yaml: every value is described (itself or
 * a map above it), and the table names no value the chart does not have.
 */
class ChartReadmeTest {

    @Test
    void theValuesTableDescribesEveryValueAndOnlyThose() throws IOException {
        Set<String> documented = documentedKeys(Files.readString(TollgateChart.DIR.resolve("README.md")));
        Map<String, Object> defaults = TollgateChart.defaultValues();
        List<String> paths = new ArrayList<>();
        List<String> leaves = new ArrayList<>();
        collectPaths(defaults, "", paths, leaves);

        assertThat(leaves).filteredOn(leaf -> !documentedOrUnderDocumented(leaf, documented))
                .as("values missing from the README's table").isEmpty();
        assertThat(documented).filteredOn(key -> !paths.contains(key))
                .as("keys in the README's table that values.yaml does not have").isEmpty();
    }

    /**
     * The first cell of each row of the table under "## Values": {@code `a.b`}, or several keys
     * separated by slashes where {@code `.c`} stands for a sibling of the key before it.
     */
    private static Set<String> documentedKeys(String readme) {
        String table = readme.substring(readme.indexOf("## Values"));
        table = table.substring(0, table.indexOf("\n## ", 1));
        Set<String> keys = new LinkedHashSet<>();
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String previous = null;
            for (String part : line.split("\\|")[1].trim().split(" / ")) {
                String key = part.replace("`", "");
                if (key.startsWith(".")) {
                    key = previous.substring(0, previous.lastIndexOf('.')) + key;
                }
                keys.add(key);
                previous = key;
            }
        }
        assertThat(keys).hasSizeGreaterThan(40);
        return keys;
    }

    private static boolean documentedOrUnderDocumented(String path, Set<String> documented) {
        for (String prefix = path; ; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
            if (documented.contains(prefix)) {
                return true;
            }
            if (!prefix.contains(".")) {
                return false;
            }
        }
    }

    /** Every key path in values.yaml, and apart the leaves: values that are not non-empty maps. */
    @SuppressWarnings("unchecked")
    private static void collectPaths(Map<String, Object> map, String prefix, List<String> paths, List<String> leaves) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            paths.add(path);
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                collectPaths((Map<String, Object>) nested, path + ".", paths, leaves);
            } else {
                leaves.add(path);
            }
        });
    }
}
