package io.tollgate.observability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns traces on exactly when {@value #ENDPOINT} is set. Micrometer Tracing, its OpenTelemetry
 * bridge and the OTLP exporter are on the classpath, and Spring Boot would otherwise make a tracer
 * and a span for every request whatever the endpoint, only not exporting them.
 *
 * <p>Off (no endpoint), this excludes the tracing auto-configurations, so no tracer, no span and no
 * propagation work is on the request path, and tells Spring Boot's logging to expect no trace id
 * (the plain pattern keeps its shape). On, it lets the Reactor context restore the request's
 * observation around every operator ({@code spring.reactor.context-propagation=auto}), so log
 * lines written while a request is served carry its trace and span ids.
 */
public final class TracingEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Spring Boot 4's OTLP trace endpoint: the one switch for traces. */
    public static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin."
                    + "ZipkinWithOpenTelemetryTracingAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayTracingAutoConfiguration");

    /** Whether traces are on in {@code environment}. */
    public static boolean tracing(Environment environment) {
        return StringUtils.hasText(environment.getProperty(ENDPOINT));
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (tracing(environment)) {
            environment.getPropertySources().addLast(new MapPropertySource("tollgateTracingOn",
                    Map.of("spring.reactor.context-propagation", "auto")));
            return;
        }
        Set<String> excluded = new LinkedHashSet<>(
                StringUtils.commaDelimitedListToSet(environment.getProperty(EXCLUDE, "")));
        excluded.remove("");
        excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
        environment.getPropertySources().addFirst(new MapPropertySource("tollgateTracingOff", Map.of(
                EXCLUDE, String.join(",", excluded),
                "management.tracing.export.enabled", "false")));
    }

    /** After the configuration files are read, so an endpoint set there counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
