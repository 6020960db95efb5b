package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Issuance;
import io.tollgate.support.OtlpReceiver;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Hooks;

/**
 * A client's {@code traceparent} decides nothing Tollgate records: with traces on and a sampling
 * probability of zero, a request the client marked sampled, with a trace id OpenTelemetry's
 * ratio sampler would always keep, is continued (same trace id, Tollgate's span as parent) but not
 * sampled, and nothing is exported; a malformed one is ignored and a trace of Tollgate's own starts.
 */
class TracingSamplingTest {

    @Test
    void theClientsSampledFlagAndTraceIdForceNoRecording() throws Exception {
        try (OtlpReceiver collector = new OtlpReceiver();
                ConfigurableApplicationContext tollgate = Standalone.startWithTestKeys(
                        "--" + TracingEnvironment.ENDPOINT + "=" + collector.endpoint(),
                        "--management.tracing.sampling.probability=0.0",
                        "--management.opentelemetry.tracing.export.schedule-delay=100ms")) {
            WebTestClient client = Standalone.client(tollgate);
            String token = Issuance.brandToken(client);
            // Low eight bytes zero: below every TraceIdRatioBased threshold but that of 0.
            String chosen = "4bf92f3577b34da60000000000000000";
            String forced = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                    .header("gn-access-token", token)
                    .header("traceparent", "00-" + chosen + "-00f067aa0ba902b7-01")).get("traceparent");
            assertThat(forced).matches("00-" + chosen + "-[0-9a-f]{16}-00").doesNotContain("00f067aa0ba902b7");

            for (String malformed : new String[] {"00-" + chosen + "-00f067aa0ba902b7", "garbage",
                    "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                    "00-" + chosen.toUpperCase() + "-00f067aa0ba902b7-01"}) {
                Map<String, String> upstream = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                        .header("gn-access-token", token).header("traceparent", malformed));
                assertThat(upstream.get("traceparent")).as(malformed)
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
                        .doesNotContain(chosen, "00f067aa0ba902b7");
            }

            Thread.sleep(1_000);
            assertThat(collector.spans()).isEmpty();
        } finally {
            Hooks.disableAutomaticContextPropagation();
        }
    }
}
