package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Demo;
import io.tollgate.support.FromAddress;
import io.tollgate.support.Issuance;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.Tee;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.json.JsonCompareMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production log setting (docs/OPERATIONS.md, "Logs and the audit trail"): with {@code
 * logging.structured.format.console=ecs} a whole Tollgate writes each audit line to standard output
 * as one JSON object, its fields as members, and nothing of the secret it refused.
 */
class StructuredAuditLineTest {

    @Test
    void anAuditLineIsOneEcsJsonObjectWithItsFields() throws Exception {
        String wrong = Secrets.remember("sk_wrong_secret_for_the_structured_log_test_77");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        String output;
        try (ConfigurableApplicationContext tollgate = Standalone.startWithTestKeys(
                "--logging.structured.format.console=ecs",
                "--tollgate.rate-limit.client-address.burst-capacity=100000")) {
            Issuance.brandRequest(FromAddress.client("127.0.0.61", Standalone.port(tollgate)), Demo.BRAND_KEY, wrong)
                    .expectStatus().isNotFound()
                    .expectBody().json("{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}",
                            JsonCompareMode.STRICT);
        } finally {
            System.setOut(console);
            output = captured.toString(StandardCharsets.UTF_8);
        }

        List<String> audit = output.lines().filter(line -> line.contains("issuance.refused")).toList();
        assertThat(audit).singleElement().satisfies(line -> {
            JsonNode json = JsonMapper.builder().build().readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(text(json, "log.logger")).isEqualTo(AuditLog.LOGGER);
            assertThat(text(json, "log.level")).isEqualTo("INFO");
            assertThat(text(json, "event.action")).isEqualTo("issuance.refused");
            assertThat(text(json, "dialect")).isEqualTo("brand");
            assertThat(text(json, "code")).isEqualTo("5235");
            assertThat(text(json, "kind")).isEqualTo("brand");
            assertThat(text(json, "account")).isEqualTo("acme");
            assertThat(text(json, "client_address")).isEqualTo("127.0.0.61");
            assertThat(text(json, "message"))
                    .isEqualTo("issuance.refused dialect=brand code=5235 kind=brand account=acme client_address=127.0.0.61");
        });
        assertThat(output).contains("\"ecs\"").doesNotContain(wrong);
    }

    /** A member by its ECS name: Spring Boot nests dotted names ({@code "log":{"level":…}}). */
    private static String text(JsonNode json, String name) {
        JsonNode node = json;
        for (String part : name.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null ? null : node.asString();
    }
}
