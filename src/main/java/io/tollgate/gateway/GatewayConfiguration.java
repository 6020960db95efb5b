package io.tollgate.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.validation.ValidationService;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs the guard as a global filter of Spring Cloud Gateway. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    RoutePolicies routePolicies() {
        return new RoutePolicies();
    }

    @Bean
    RoutePolicyCheck routePolicyCheck(RouteLocator routes, RoutePolicies policies) {
        return new RoutePolicyCheck(routes, policies);
    }

    @Bean
    TokenGuardFilter tokenGuardFilter(RoutePolicies policies, ValidationService validation, MeterRegistry registry) {
        return new TokenGuardFilter(policies, validation, new GuardMeters(registry));
    }
}
