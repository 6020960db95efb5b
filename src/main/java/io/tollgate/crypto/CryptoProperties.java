package io.tollgate.crypto;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.crypto.*}: which JCA provider signs and verifies tokens.
 *
 * @param provider {@code auto} (default): the native provider where it loads, the JDK's otherwise;
 *     {@code native}: the native provider or no start; {@code jdk}: the JDK's own
 */
@Validated
@ConfigurationProperties("tollgate.crypto")
public record CryptoProperties(@NotNull @DefaultValue("auto") ProviderChoice provider) {

    /** The provider an operator asks for. */
    public enum ProviderChoice {
        AUTO,
        NATIVE,
        JDK
    }
}
