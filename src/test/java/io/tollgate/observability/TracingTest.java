package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Issuance;
import io.tollgate.support.OtlpReceiver;
import io.tollgate.support.OtlpReceiver.Span;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Hooks;

/**
 * Traces with an OTLP endpoint set: the real exporter posts to an in-process collector ({@link
 * OtlpReceiver}), which decodes what it received.
 */
class TracingTest {

    private static final Duration EXPORT = Duration.ofSeconds(20);
    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private static OtlpReceiver collector;
    private static ConfigurableApplicationContext tollgate;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        collector = new OtlpReceiver();
        tollgate = Standalone.startWithTestKeys(
                "--" + TracingEnvironment.ENDPOINT + "=" + collector.endpoint(),
                "--management.tracing.sampling.probability=1.0",
                "--management.opentelemetry.tracing.export.schedule-delay=100ms");
        client = Standalone.client(tollgate);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
        collector.close();
        // Spring Boot turned it on for the instance with traces; the JVM's other tests run without.
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void aClientsTraceIsContinuedAndSentUpstreamWithTollgatesSpanAsParent() throws Exception {
        String token = Issuance.brandToken(client);
        Map<String, String> upstream = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                .header("gn-access-token", token)
                .header("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01")
                .header("tracestate", "vendor=opaque"));

        String[] sent = upstream.get("traceparent").split("-");
        assertThat(sent).hasSize(4);
        assertThat(sent[1]).as("the client's trace id").isEqualTo(CLIENT_TRACE);
        assertThat(sent[2]).as("a span of Tollgate's, not the client's").isNotEqualTo(CLIENT_SPAN);
        assertThat(upstream).containsEntry("tracestate", "vendor=opaque");

        Span server = collector.await(span -> span.traceId().equals(CLIENT_TRACE) && span.kind() == Span.KIND_SERVER,
                EXPORT);
        assertThat(server.parentSpanId()).as("the server span continues the client's").isEqualTo(CLIENT_SPAN);
        Span outgoing = collector.await(span -> span.traceId().equals(CLIENT_TRACE) && span.kind() == Span.KIND_CLIENT,
                EXPORT);
        assertThat(outgoing.parentSpanId()).isEqualTo(server.spanId());
        assertThat(outgoing.spanId()).as("the upstream's parent is Tollgate's client span").isEqualTo(sent[2]);
    }
}
