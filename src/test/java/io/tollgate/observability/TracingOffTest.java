package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tollgate.support.Demo;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OtlpReceiver;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Without {@code management.opentelemetry.tracing.export.otlp.endpoint} traces are off: no tracer,
 * no tracing handler, no propagator in the application, nothing exported, no {@code traceparent}
 * added upstream, no trace id in log lines; even with every other tracing setting given, and with
 * Spring Boot 3's name for the endpoint, which Spring Boot 4 no longer reads.
 */
class TracingOffTest {

    @Test
    void withoutTheEndpointNothingIsTracedExportedOrPropagated() throws Exception {
        try (OtlpReceiver collector = new OtlpReceiver();
                ConfigurableApplicationContext tollgate = Standalone.startWithTestKeys(
                        "--management.otlp.tracing.endpoint=" + collector.endpoint(),
                        "--management.tracing.sampling.probability=1.0",
                        "--management.opentelemetry.tracing.export.schedule-delay=100ms")) {
            assertThat(tollgate.getBeanNamesForType(Tracer.class)).isEmpty();
            assertThat(tollgate.getBeanNamesForType(io.opentelemetry.api.trace.Tracer.class)).isEmpty();
            assertThat(tollgate.getBeanNamesForType(SdkTracerProvider.class)).isEmpty();
            assertThat(tollgate.getBeanNamesForType(Propagator.class)).isEmpty();
            assertThat(tollgate.getBeansOfType(ObservationHandler.class).values())
                    .noneMatch(TracingObservationHandler.class::isInstance);
            assertThat(tollgate.getEnvironment().getProperty("logging.expect-correlation-id", Boolean.class))
                    .as("the plain log pattern keeps its shape").isFalse();

            WebTestClient client = Standalone.client(tollgate);
            String token = Issuance.brandToken(client);
            Map<String, String> untraced = TestUpstream.echoedHeaders(
                    client.get().uri("/demo/genuin/items").header("gn-access-token", token));
            assertThat(untraced).doesNotContainKeys("traceparent", "tracestate", "b3");
            String theirs = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            Map<String, String> relayed = TestUpstream.echoedHeaders(client.get().uri("/demo/genuin/items")
                    .header("gn-access-token", token).header("traceparent", theirs));
            assertThat(relayed).as("a client's header is relayed as any other, untouched")
                    .containsEntry("traceparent", theirs);

            String wrong = Secrets.remember("sk_wrong_secret_for_the_tracing_off_test_31b7");
            client.post().uri("/api/thirdparty/auth").header("traceparent", theirs)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + wrong + "\"}")
                    .exchange().expectStatus().isNotFound();
            assertThat(LogCapture.linesContainingAny(List.of("4bf92f3577b34da6a3ce929d0e0e4736"))).isEmpty();
            assertThat(LogCapture.linesContainingAny(List.of("issuance.refused"))).last().asString()
                    .startsWith("issuance.refused dialect=brand code=5235")
                    .doesNotContain("traceId", "spanId");

            // Ten export intervals: a batch processor would have posted by now.
            Thread.sleep(1_000);
            assertThat(collector.posts()).isEmpty();
        }
    }
}
