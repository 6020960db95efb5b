package io.tollgate.observability;

import io.micrometer.core.instrument.config.MeterFilter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Tollgate adds to Spring Boot's tracing, which is on only with an OTLP endpoint ({@link
 * TracingEnvironment}): a sampler no client can steer, no query string in the upstream call's span,
 * and no meters for Tollgate's own spans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(TracingEnvironment.ENDPOINT)
public class TracingConfiguration {

    /**
     * Replaces Spring Boot's sampler (parent-based on {@code TraceIdRatioBased}), which follows the
     * client's {@code sampled} flag and trace id: {@code management.tracing.sampling.probability}
     * of the requests, drawn by Tollgate.
     */
    @Bean
    Sampler clientIndependentSampler(TracingProperties properties) {
        return ClientIndependentSampler.edge(properties.getSampling().getProbability());
    }

    @Bean
    GatewayObservationConvention pathOnlyGatewayConvention() {
        return new PathOnlyGatewayConvention();
    }

    /**
     * Tollgate's spans are observations, which Micrometer would also time; the guard and the issuer
     * are timed and counted by their own meters already, which stay the same with traces on or off.
     */
    @Bean
    MeterFilter noMetersForTollgateSpans() {
        return MeterFilter.denyNameStartsWith(TollgateSpans.OBSERVATION_PREFIX);
    }
}
