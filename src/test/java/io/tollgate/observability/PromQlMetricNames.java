package io.tollgate.observability;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. A lexer for the PromQL a dashboard uses, not a
 * parser: it blanks string literals, label matchers and range selectors, drops grouping clauses
 * ({@code by (...)}, {@code on (...)}, ...), then reads the identifiers left. An identifier followed by a parenthesis must be a known
 * function or aggregation (an unknown one fails, rather than being taken for a metric); the
 * binary-operator keywords are skipped; every other identifier is a metric name.
 */
final class PromQlMetricNames {

    private static final Set<String> FUNCTIONS = Set.of(
            "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
            "count_values", "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear",
            "histogram_quantile", "abs", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max", "sort",
            "sort_desc", "absent", "absent_over_time", "changes", "resets", "label_replace", "label_join",
            "scalar", "vector", "time", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "last_over_time", "quantile_over_time");
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left",
            "group_right");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*)\\s*(\\()?");

    private PromQlMetricNames() {}

    static Set<String> of(String expression) {
        String stripped = STRING.matcher(expression).replaceAll("\"\"");
        stripped = MATCHERS.matcher(stripped).replaceAll("{}");
        stripped = RANGE.matcher(stripped).replaceAll("[]");
        stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean called = identifier.group(2) != null;
            if (KEYWORDS.contains(name)) {
                continue;
            }
            if (called) {
                if (!FUNCTIONS.contains(name)) {
                    throw new IllegalArgumentException("Unknown PromQL function " + name + " in " + expression);
                }
                continue;
            }
            names.add(name);
        }
        return names;
    }
}
