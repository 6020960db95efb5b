package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Every Lua script of Tollgate names its keys through {@code KEYS[]} only: the first argument of
 * every {@code redis.call} is {@code KEYS[n]}, except for the commands that take no key ({@code
 * PUBLISH}'s channel). A key built inside a script (a prefix from {@code ARGV} joined to a value it
 * read) is invisible to Redis Cluster's routing; {@link RedisClusterStateStoresTest} then refuses
 * it when it falls in another slot, and this test when it falls in the same one.
 */
class RedisScriptKeysTest {

    private static final Pattern CALL = Pattern.compile("redis\\.(?:p?call)\\(\\s*'([A-Za-z]+)'\\s*(?:,\\s*([^,)]+))?");
    private static final Pattern DECLARED = Pattern.compile("KEYS\\[\\w+]");
    private static final Set<String> WITHOUT_KEYS = Set.of("PUBLISH");

    @Test
    void everyScriptNamesEveryKeyItTouchesInKeys() {
        Map<String, String> scripts = scripts();
        assertThat(scripts).as("the scripts of the Redis adapters").hasSizeGreaterThanOrEqualTo(10);
        List<String> undeclared = new ArrayList<>();
        scripts.forEach((name, text) -> {
            Matcher call = CALL.matcher(text);
            int calls = 0;
            while (call.find()) {
                calls++;
                String command = call.group(1).toUpperCase();
                String key = call.group(2) == null ? "" : call.group(2).trim();
                if (!WITHOUT_KEYS.contains(command) && !DECLARED.matcher(key).matches()) {
                    undeclared.add(name + ": " + command + " " + key);
                }
            }
            assertThat(calls).as(name + " calls Redis").isPositive();
        });
        assertThat(undeclared).as("keys not passed in KEYS[]").isEmpty();
    }

    /** Every static {@link RedisScript} of the application's classes, by class and field name. */
    private static Map<String, String> scripts() {
        Path classes = Path.of("target", "classes");
        Map<String, String> scripts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Field field : Class.forName(name, false, RedisScriptKeysTest.class.getClassLoader())
                        .getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && RedisScript.class.isAssignableFrom(field.getType())) {
                        field.setAccessible(true);
                        scripts.put(name + "." + field.getName(), ((RedisScript<?>) field.get(null)).getScriptAsString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(e);
        }
        return scripts;
    }
}
