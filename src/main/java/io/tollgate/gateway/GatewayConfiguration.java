package io.tollgate.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.validation.ValidationService;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs the guard and the rate limits as global filters of Spring Cloud Gateway. */
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
    ErrorDialects errorDialects() {
        return new ErrorDialects();
    }

    @Bean
    TokenGuardFilter tokenGuardFilter(
            RoutePolicies policies, ValidationService validation, ErrorDialects dialects, MeterRegistry registry) {
        return new TokenGuardFilter(policies, validation, new GuardMeters(registry), dialects);
    }

    @Bean
    RateLimitTiers rateLimitTiers(RateLimitProperties properties, MeterRegistry registry) {
        return RateLimitTiers.of(properties, registry);
    }

    @Bean
    @ConditionalOnProperty(name = "tollgate.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    RateLimitFilter rateLimitFilter(
            RoutePolicies policies, CallerRateLimiter limiter, ErrorDialects dialects, RateLimitTiers tiers) {
        return new RateLimitFilter(policies, limiter, dialects, tiers.byKind(), tiers.clientAddress());
    }

    @Bean
    @ConditionalOnProperty(name = "tollgate.store.type", havingValue = "memory", matchIfMissing = true)
    CallerRateLimiter memoryRateLimiter(RateLimitTiers tiers, Clock clock) {
        return new MemoryRateLimiter(clock, tiers.longestWindow());
    }

    @Bean
    @ConditionalOnProperty(name = "tollgate.store.type", havingValue = "redis")
    CallerRateLimiter redisRateLimiter(RedisRateLimiter redisRateLimiter, RateLimitTiers tiers) {
        return new RedisCallerRateLimiter(redisRateLimiter, tiers.all());
    }
}
