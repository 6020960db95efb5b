package io.tollgate.observability;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tollgate's own spans, observed through the application's registry while traces are on ({@link
 * TracingEnvironment}); with them off, handlers and the guard are wired without any.
 */
@Configuration(proxyBeanMethods = false)
public class SpansConfiguration {

    @Bean
    IssuanceSpans issuanceSpans(Environment environment, ObservationRegistry registry) {
        return TracingEnvironment.tracing(environment) ? IssuanceSpans.on(registry) : IssuanceSpans.off();
    }
}
