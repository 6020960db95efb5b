package io.tollgate.store;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.store.*}: where shared state lives.
 *
 * @param type {@code memory} for a single instance (the embedded default)
 */
@Validated
@ConfigurationProperties("tollgate.store")
public record StoreProperties(@NotNull @DefaultValue("memory") Type type) {

    /** The state engines Tollgate can use. */
    public enum Type {
        /** In-process state: one instance only. */
        MEMORY
    }
}
