package io.tollgate.reload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;

/**
 * One file's meters: {@code tollgate_config_reloads_total{file,outcome}} and {@code
 * tollgate_config_info{file,checksum}} = 1, whose {@code checksum} label follows the version in force.
 */
final class ReloadMeters {

    private final String file;
    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter rejected;
    private Gauge info;

    ReloadMeters(String file, MeterRegistry registry) {
        this.file = file;
        this.registry = registry;
        this.applied = reloads("applied");
        this.rejected = reloads("rejected");
    }

    void serving(FileChecksum checksum) {
        if (info != null) {
            registry.remove(info);
        }
        info = Gauge.builder(MeterNames.CONFIG_INFO, () -> 1)
                .description("The version of each reloadable file this instance serves; always 1")
                .tag("file", file)
                .tag("checksum", checksum.hex())
                .register(registry);
    }

    void applied() {
        applied.increment();
    }

    void rejected() {
        rejected.increment();
    }

    private Counter reloads(String outcome) {
        return Counter.builder(MeterNames.CONFIG_RELOADS)
                .description("Reloads of a changed configuration file, applied or rejected")
                .tag("file", file)
                .tag("outcome", outcome)
                .register(registry);
    }
}
