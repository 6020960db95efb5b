package io.tollgate.store;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory adapters, used when {@code tollgate.store.type=memory} (the default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.store.type", havingValue = "memory", matchIfMissing = true)
public class StoreConfiguration {

    @Bean
    RevocationStore revocationStore(Clock clock) {
        return new MemoryRevocationStore(clock);
    }

    @Bean
    StateStores stateStores(Clock clock) {
        return new MemoryStateStores(clock);
    }
}
