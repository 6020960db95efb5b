package io.tollgate.validation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tollgate.observability.MeterNames;
import io.tollgate.store.RevocationStore;
import io.tollgate.store.StoreAvailability;
import io.tollgate.store.StoreProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the validation service: nimbus verifier, Caffeine caches and their meters. */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    @Bean
    TokenVerifier tokenVerifier(TrustedIssuer issuer, ValidationProperties properties) {
        return new TokenVerifier(issuer, properties.clockSkew());
    }

    @Bean
    ValidationCaches validationCaches(ValidationProperties properties, Clock clock, MeterRegistry registry) {
        ValidationCaches caches = ValidationCaches.create(properties, clock);
        CaffeineCacheMetrics.monitor(registry, caches.hot(), MeterNames.HOT_CACHE);
        CaffeineCacheMetrics.monitor(registry, caches.accepted(), MeterNames.ACCEPTED_CACHE);
        CaffeineCacheMetrics.monitor(registry, caches.rejected(), MeterNames.REJECTED_CACHE);
        return caches;
    }

    @Bean
    ValidationService validationService(
            TokenVerifier verifier,
            RevocationStore revocations,
            ValidationCaches caches,
            ValidationProperties properties,
            StoreAvailability store,
            StoreProperties storeProperties,
            MeterRegistry registry) {
        return new ValidationService(verifier, revocations, caches, properties.maxTokenLength(),
                validationTimer(registry, "cache"), validationTimer(registry, "verified"),
                store, storeProperties.onFailure(), failOpenCounter(registry));
    }

    static Counter failOpenCounter(MeterRegistry registry) {
        return Counter.builder(MeterNames.STORE_FAIL_OPEN)
                .description("Unseen tokens admitted on signature and expiry alone while the store was down")
                .register(registry);
    }

    static Timer validationTimer(MeterRegistry registry, String source) {
        return Timer.builder(MeterNames.VALIDATION_TIME)
                .description("Time to a verdict on a token, served from cache or verified")
                .tag("source", source)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
    }
}
