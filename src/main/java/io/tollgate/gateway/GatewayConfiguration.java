package io.tollgate.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.validation.ValidationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs the guard as a global filter of Spring Cloud Gateway. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    TokenGuardFilter tokenGuardFilter(ValidationService validation, MeterRegistry registry) {
        return new TokenGuardFilter(new RoutePolicies(), validation, new GuardMeters(registry));
    }
}
