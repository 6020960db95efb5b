package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OtlpReceiver;
import io.tollgate.support.OtlpReceiver.Span;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.Tee;
import io.tollgate.support.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces with an OTLP endpoint set: the real exporter posts to an in-process collector ({@link
 * OtlpReceiver}), which decodes what it received. The instance logs ECS JSON, as the chart's pods do.
 */
class TracingTest {

    private static final Duration EXPORT = Duration.ofSeconds(20);

    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static PrintStream console;
    private static OtlpReceiver collector;
    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        console = System.out;
        System.setOut(new PrintStream(new Tee(console, CONSOLE), true, StandardCharsets.UTF_8));
        collector = new OtlpReceiver();
        tollgate = Standalone.startWithTestKeys(
                "--" + TracingEnvironment.ENDPOINT + "=" + collector.endpoint(),
                "--management.tracing.sampling.probability=1.0",
                "--management.opentelemetry.tracing.export.schedule-delay=100ms",
                "--logging.structured.format.console=ecs",
                "--tollgate.rate-limit.client-address.burst-capacity=100000");
        client = Standalone.client(tollgate);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
        collector.close();
        System.setOut(console);
        // Spring Boot turned it on for the instance with traces; the JVM's other tests run without.
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void aClientsTraceIsContinuedThroughTheGuardAndSentUpstreamWithTollgatesSpanAsParent() throws Exception {
        String token = Issuance.brandToken(client);
        String trace = traceId();
        String clientSpan = "00f067aa0ba902b7";
        Map<String, String> upstream = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", token)
                .header("traceparent", "00-" + trace + "-" + clientSpan + "-01")
                .header("tracestate", "vendor=opaque"));

        String[] sent = upstream.get("traceparent").split("-");
        assertThat(sent).as(upstream.get("traceparent")).hasSize(4);
        assertThat(sent[1]).as("the client's trace id").isEqualTo(trace);
        assertThat(sent[2]).as("a span of Tollgate's, not the client's").isNotEqualTo(clientSpan);
        assertThat(sent[3]).as("sampled, by Tollgate's own draw").isEqualTo("01");
        assertThat(upstream).containsEntry("tracestate", "vendor=opaque");

        Span server = collector.await(span -> span.traceId().equals(trace) && span.kind() == Span.KIND_SERVER, EXPORT);
        assertThat(server.parentSpanId()).as("the server span continues the client's").isEqualTo(clientSpan);
        Span outgoing = collector.await(span -> span.traceId().equals(trace) && span.kind() == Span.KIND_CLIENT, EXPORT);
        assertThat(outgoing.parentSpanId()).isEqualTo(server.spanId());
        assertThat(outgoing.spanId()).as("the upstream's parent is Tollgate's client span").isEqualTo(sent[2]);
        assertThat(outgoing.attributes()).containsEntry("http.uri", "/demo/genuin/items");
        Span guard = collector.await(span -> span.traceId().equals(trace) && span.name().equals("tollgate.guard"),
                EXPORT);
        assertThat(guard.parentSpanId()).isEqualTo(server.spanId());
        assertThat(guard.attributes()).containsAllEntriesOf(Map.of(
                "tollgate.scheme", "gn-access-token", "tollgate.issuer", "tollgate", "tollgate.cache", "miss",
                "tollgate.outcome", "accepted", "tollgate.reason", "ok"));
    }

    @Test
    void theGuardsSpanSaysWhetherTheVerdictCameFromCacheAndWhyItRefused() throws Exception {
        String token = Issuance.brandToken(client);
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange().expectStatus().isOk();
        String cachedTrace = traceId();
        client.get().uri("/demo/genuin/items").header("gn-access-token", token)
                .header("traceparent", "00-" + cachedTrace + "-00f067aa0ba902b7-01").exchange().expectStatus().isOk();
        String refusedTrace = traceId();
        client.get().uri("/demo/bearer/items").header("Authorization", "Bearer " + token)
                .header("traceparent", "00-" + refusedTrace + "-00f067aa0ba902b7-01").exchange()
                .expectStatus().isForbidden();

        assertThat(guardSpan(cachedTrace).attributes()).containsEntry("tollgate.cache", "hit");
        assertThat(guardSpan(refusedTrace).attributes()).containsAllEntriesOf(Map.of(
                "tollgate.scheme", "bearer", "tollgate.issuer", "tollgate", "tollgate.cache", "hit",
                "tollgate.outcome", "denied", "tollgate.reason", "kind"));
    }

    @Test
    void issuanceHasItsSpanWithDialectFlowAndOutcome() throws Exception {
        String issuedTrace = traceId();
        client.post().uri("/api/thirdparty/auth").header("traceparent", "00-" + issuedTrace + "-00f067aa0ba902b7-01")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + Demo.BRAND_SECRET + "\"}")
                .exchange().expectStatus().isOk();
        String refusedTrace = traceId();
        String wrong = Secrets.remember("sk_wrong_secret_for_the_tracing_test_5f3e");
        client.post().uri("/api/thirdparty/auth").header("traceparent", "00-" + refusedTrace + "-00f067aa0ba902b7-01")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + wrong + "\"}")
                .exchange().expectStatus().isNotFound();

        Span server = collector.await(span -> span.traceId().equals(issuedTrace) && span.kind() == Span.KIND_SERVER,
                EXPORT);
        Span issued = issuanceSpan(issuedTrace);
        assertThat(issued.parentSpanId()).isEqualTo(server.spanId());
        assertThat(issued.attributes()).containsAllEntriesOf(Map.of(
                "tollgate.dialect", "brand", "tollgate.flow", "api_key", "tollgate.outcome", "issued"));
        assertThat(issuanceSpan(refusedTrace).attributes()).containsAllEntriesOf(Map.of(
                "tollgate.dialect", "brand", "tollgate.code", "5235", "tollgate.outcome", "refused"));
    }

    @Test
    void logLinesCarryTheTraceAndSpanIds() throws Exception {
        String trace = traceId();
        String wrong = Secrets.remember("sk_wrong_secret_for_the_trace_id_log_test_9a1c");
        client.post().uri("/api/thirdparty/auth").header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + wrong + "\"}")
                .exchange().expectStatus().isNotFound();
        Span issuance = issuanceSpan(trace);

        assertThat(LogCapture.linesContainingAny(List.of(trace))).singleElement().asString()
                .startsWith("issuance.refused dialect=brand code=5235")
                .contains("traceId=" + trace, "spanId=" + issuance.spanId());
        List<JsonNode> ecs = CONSOLE.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(trace)).map(line -> JsonMapper.builder().build().readTree(line)).toList();
        assertThat(ecs).singleElement().satisfies(line -> {
            assertThat(line.path("event").path("action").asString()).isEqualTo("issuance.refused");
            // Dotted names, as Elastic's own ECS loggers write them; Elasticsearch reads them as trace.id.
            assertThat(line.path("trace.id").asString()).as("ECS trace.id").isEqualTo(trace);
            assertThat(line.path("span.id").asString()).as("ECS span.id").isEqualTo(issuance.spanId());
        });
    }

    @Test
    void noSpanHoldsATokenOrACredential() throws Exception {
        String token = Issuance.brandToken(client);
        String querySecret = Secrets.remember("sk_in_a_query_string_for_the_tracing_test_77d0");
        String trace = traceId();
        client.get().uri("/demo/genuin/items?api_secret=" + querySecret).header("gn-access-token", token)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").exchange().expectStatus().isOk();
        client.get().uri("/platform/oauth/request_token?grant_type=client_credentials&client_id=nobody&client_secret="
                        + querySecret)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").exchange()
                .expectStatus().isUnauthorized();
        Span refused = issuanceSpan(trace);
        assertThat(refused.attributes()).containsAllEntriesOf(Map.of(
                "tollgate.dialect", "oauth", "tollgate.code", "invalid_client", "tollgate.outcome", "refused"));
        collector.await(span -> span.traceId().equals(trace) && span.kind() == Span.KIND_CLIENT, EXPORT);

        List<Span> spans = collector.spans();
        assertThat(spans).hasSizeGreaterThan(5);
        for (Span span : spans) {
            for (Map.Entry<String, String> attribute : span.attributes().entrySet()) {
                for (String secret : Secrets.seen()) {
                    assertThat(attribute.getValue()).as(span.name() + " " + attribute.getKey()).doesNotContain(secret);
                }
            }
        }
    }

    private static Span guardSpan(String trace) throws InterruptedException {
        return collector.await(span -> span.traceId().equals(trace) && span.name().equals("tollgate.guard"), EXPORT);
    }

    private static Span issuanceSpan(String trace) throws InterruptedException {
        return collector.await(span -> span.traceId().equals(trace) && span.name().equals("tollgate.issuance"),
                EXPORT);
    }

    private static String traceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
