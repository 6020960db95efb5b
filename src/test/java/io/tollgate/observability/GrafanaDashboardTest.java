package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard the Helm chart ships: every query names only meters this application
 * exports (checked against a real scrape after real traffic), and every panel is well formed.
 */
class GrafanaDashboardTest extends IntegrationTest {

    static final Path DASHBOARD = Path.of("helm/tollgate/dashboards/tollgate.json");
    private static final String DATASOURCE = "${datasource}";
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*\\w+\\)$");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern SAMPLE_NAME = Pattern.compile("(?m)^([a-zA-Z_:][\\w:]*)[{ ]");
    /** An aggregation by labels of one selector: {@code sum by (a, b) (rate(metric{…}}. */
    private static final Pattern AGGREGATION_BY =
            Pattern.compile("\\b(?:sum|max) by \\(([^)]*)\\) \\((?:rate\\()?([a-zA-Z_:][\\w:]*)\\{");
    /** Labels Prometheus adds when it scrapes a pod, which the application does not export. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "namespace");

    @Test
    void everyQueryUsesOnlyMetersTheApplicationExports() throws IOException {
        driveTraffic();
        Set<String> exported = new HashSet<>();
        Matcher sample = SAMPLE_NAME.matcher(scrape());
        while (sample.find()) {
            exported.add(sample.group(1));
        }

        Set<String> used = new TreeSet<>();
        for (String query : queries(dashboard())) {
            used.addAll(PromQlMetricNames.of(query));
        }
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);

        assertThat(used).contains("spring_cloud_gateway_requests_seconds_count", "tollgate_validations_total",
                "tollgate_validation_seconds_bucket", "cache_gets_total", "tollgate_tokens_issued_total");
        assertThat(missing).as("metrics the dashboard queries but /actuator/prometheus does not export").isEmpty();
    }

    /**
     * A panel broken down by a label the meter does not carry shows one unlabelled series: every
     * label a query aggregates by is on the meter it selects (or added by Prometheus itself).
     */
    @Test
    void everyLabelAQueryAggregatesByIsExported() throws IOException {
        driveTraffic();
        String scrape = scrape();
        int checked = 0;
        for (String query : queries(dashboard())) {
            Matcher aggregation = AGGREGATION_BY.matcher(query);
            while (aggregation.find()) {
                String metric = aggregation.group(2);
                List<String> samples = scrape.lines().filter(line -> line.startsWith(metric + "{")).toList();
                assertThat(samples).as("samples of %s", metric).isNotEmpty();
                for (String label : aggregation.group(1).split(",")) {
                    String name = label.trim();
                    if (!TARGET_LABELS.contains(name)) {
                        assertThat(samples).as("%s in %s", name, query)
                                .allSatisfy(sample -> assertThat(sample).contains(name + "=\""));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    /**
     * Other applications export the same JVM and cache meters; every selector filters on
     * Tollgate's {@code application} tag so that their series never mix into a panel.
     */
    @Test
    void everySelectorFiltersOnTheApplicationTag() throws IOException {
        for (String query : queries(dashboard())) {
            for (String metric : PromQlMetricNames.of(query)) {
                assertThat(query).as("%s is selected without label matchers", metric)
                        .doesNotContainPattern("(?<![\\w:])" + metric + "(?![\\w:{])");
            }
            Matcher matchers = MATCHERS.matcher(query);
            while (matchers.find()) {
                assertThat(matchers.group()).as(query).contains("application=\"tollgate\"");
            }
        }
    }

    @Test
    void everyPanelQueriesTheDatasourceVariableAndHasAUniqueIdAndTitle() throws IOException {
        JsonNode dashboard = dashboard();
        JsonNode variable = variable(dashboard, "datasource");
        assertThat(variable.path("type").asString()).isEqualTo("datasource");
        assertThat(variable.path("query").asString()).isEqualTo("prometheus");

        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).hasSizeGreaterThan(15);
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            assertThat(title).isNotBlank();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
            assertThat(titles.add(title)).as("unique title %s", title).isTrue();
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo(DATASOURCE);
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo(DATASOURCE);
                assertThat(target.path("expr").asString()).as(title).isNotBlank();
            }
        }
        assertThat(variable(dashboard, "namespace").path("datasource").path("uid").asString()).isEqualTo(DATASOURCE);
    }

    /** Traffic that makes every lazily registered meter appear: issuing, routing, cache hits, rejections. */
    private void driveTraffic() {
        String brand = brandToken();
        for (int i = 0; i < 3; i++) {
            client.get().uri("/demo/genuin/items").header("gn-access-token", brand).exchange()
                    .expectStatus().isOk();
        }
        client.get().uri("/demo/genuin/items").exchange().expectStatus().isUnauthorized();
        client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + channelToken()).exchange()
                .expectStatus().isOk();
        client.post().uri("/generateToken?username=nobody&password=x").exchange().expectStatus().isUnauthorized();
    }

    private String scrape() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    static JsonNode dashboard() throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    }

    /** Every panel's expressions, and the selectors of the query variables. */
    private static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asString()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").path("query").asString());
                assertThat(labelValues.matches()).as(variable.path("name").asString()).isTrue();
                queries.add(labelValues.group(1));
            }
        }
        return queries;
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asString().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no dashboard variable " + name);
    }
}
