package io.tollgate.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.tollgate.observability.TracingEnvironment;
import io.tollgate.store.StoreAvailability;
import io.tollgate.store.StoreProperties;
import io.tollgate.validation.TrustedIssuers;
import io.tollgate.validation.ValidationService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Installs the path firewall in front of every handler, the guard (whose decision includes the
 * rate limits) as a global filter of Spring Cloud Gateway, and the identity relay as one of its
 * headers filters.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** The token-bucket script Spring Cloud Gateway ships for its {@link RedisRateLimiter}. */
    private static final String RATE_LIMITER_SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

    @Bean
    RoutePolicies routePolicies(TrustedIssuers issuers) {
        return new RoutePolicies(issuers.ids());
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
    GuardMeters guardMeters(MeterRegistry registry, TrustedIssuers issuers) {
        return new GuardMeters(registry, issuers.ids());
    }

    @Bean
    RouteLookup routeLookup(RouteLocator routes) {
        return new RouteLookup(routes);
    }

    @Bean
    PathFirewall pathFirewall(
            RouteLookup routes, RoutePolicies policies, ErrorDialects dialects, GuardMeters meters) {
        return new PathFirewall(routes, policies, dialects, meters);
    }

    @Bean
    Guard guard(
            ValidationService validation,
            GuardMeters meters,
            ErrorDialects dialects,
            ObjectProvider<RouteRateLimits> limits,
            ObservationRegistry observations,
            Environment environment) {
        GuardSpans spans = TracingEnvironment.tracing(environment)
                ? GuardSpans.on(observations, validation)
                : GuardSpans.off();
        return new Guard(validation, meters, dialects, limits.getIfAvailable(RouteRateLimits::disabled), spans);
    }

    @Bean
    TokenGuardFilter tokenGuardFilter(RoutePolicies policies, Guard guard) {
        return new TokenGuardFilter(policies, guard);
    }

    /**
     * Forward authentication on the traffic port, whatever the check's own method (ingress-nginx
     * sends the original request's unless {@code auth-method} says otherwise). Router functions are
     * mapped before the gateway's routes, so no route can claim the path.
     */
    @Bean
    RouterFunction<ServerResponse> forwardAuthentication(
            PathFirewall firewall,
            RouteLookup routes,
            RoutePolicies policies,
            Guard guard,
            ErrorDialects dialects,
            GuardMeters meters) {
        return RouterFunctions.route(RequestPredicates.path(ForwardAuthHandler.PATH),
                new ForwardAuthHandler(firewall, routes, policies, guard, dialects, meters));
    }

    @Bean
    UpstreamFailureFilter upstreamFailureFilter() {
        return new UpstreamFailureFilter();
    }

    @Bean
    IdentityHeadersFilter identityHeadersFilter() {
        return new IdentityHeadersFilter();
    }

    @Bean
    RateLimitTiers rateLimitTiers(RateLimitProperties properties, MeterRegistry registry) {
        return RateLimitTiers.of(properties, registry);
    }

    @Bean
    @ConditionalOnProperty(name = "tollgate.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    RouteRateLimits routeRateLimits(CallerRateLimiter limiter, ErrorDialects dialects, RateLimitTiers tiers) {
        return new RouteRateLimits(limiter, dialects, tiers.byKind(), tiers.clientAddress());
    }

    @Bean
    @ConditionalOnProperty(name = "tollgate.store.type", havingValue = "memory", matchIfMissing = true)
    CallerRateLimiter localCallerRateLimiter(RateLimitTiers tiers, Clock clock) {
        return new MemoryRateLimiter(clock, tiers.longestWindow());
    }

    /**
     * Spring Cloud Gateway's rate limiter on its own Lua script, read here once: its stock script
     * bean reads the script resource lazily, on the first request's event loop, and checks it for
     * changes on every call.
     */
    @Bean
    @ConditionalOnProperty(name = "tollgate.store.type", havingValue = "redis")
    CallerRateLimiter sharedCallerRateLimiter(
            ReactiveStringRedisTemplate redis,
            ConfigurationService configuration,
            StoreAvailability store,
            StoreProperties storeProperties,
            RateLimitTiers tiers) throws IOException {
        String script = new ClassPathResource(RATE_LIMITER_SCRIPT).getContentAsString(StandardCharsets.UTF_8);
        @SuppressWarnings({"unchecked", "rawtypes"})
        RedisScript<List<Long>> loaded = (RedisScript) RedisScript.of(script, List.class);
        return new RedisCallerRateLimiter(new RedisRateLimiter(redis, loaded, configuration), store,
                storeProperties.redis().keyPrefix(), tiers.all());
    }
}
