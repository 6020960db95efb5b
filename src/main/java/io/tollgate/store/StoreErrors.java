package io.tollgate.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code tollgate_store_errors_total{operation}}, one counter per {@link StoreOperation}, all
 * registered at start: a dashboard's {@code rate()} sees zero rather than no series, whatever the
 * engine (the in-memory store never fails, and says so).
 */
final class StoreErrors {

    private final Map<StoreOperation, Counter> counters = new EnumMap<>(StoreOperation.class);

    StoreErrors(MeterRegistry registry) {
        for (StoreOperation operation : StoreOperation.values()) {
            counters.put(operation, Counter.builder(MeterNames.STORE_ERRORS)
                    .description("State store calls that failed or timed out")
                    .tag("operation", operation.tag())
                    .register(registry));
        }
    }

    void count(StoreOperation operation) {
        counters.get(operation).increment();
    }
}
