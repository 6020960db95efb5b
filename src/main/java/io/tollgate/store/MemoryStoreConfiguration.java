package io.tollgate.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.validation.ValidationProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory adapters, used when {@code tollgate.store.type=memory} (the default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.store.type", havingValue = "memory", matchIfMissing = true)
public class MemoryStoreConfiguration {

    /** Revocations are kept for the verifier's clock skew past {@code exp}, as long as it accepts a token. */
    @Bean
    RevocationStore revocationStore(Clock clock, ValidationProperties validation, MeterRegistry registry) {
        return new CountedRevocationStore(new MemoryRevocationStore(clock, validation.clockSkew()), registry);
    }

    @Bean
    CutOffStore cutOffStore(Clock clock) {
        return new MemoryCutOffStore(clock);
    }

    @Bean
    StateStores stateStores(Clock clock) {
        return new MemoryStateStores(clock);
    }

    /** Registered though the in-memory store never fails, so dashboards read zero, not nothing. */
    @Bean
    StoreErrors storeErrors(MeterRegistry registry) {
        return new StoreErrors(registry);
    }

    @Bean
    StoreAvailability storeAvailability() {
        return StoreAvailability.ALWAYS;
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(StoreAvailability availability) {
        return new StoreHealthIndicator(availability, StoreProperties.Type.MEMORY);
    }
}
