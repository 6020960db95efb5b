package io.tollgate.credentials;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.credentials.*}. The file itself is read by {@link CredentialsLoader}, so that a
 * Kubernetes Secret can mount it apart from the rest of the configuration, and read again when it
 * changes.
 *
 * @param location the credentials file
 * @param expiryWarning how long before a secret's {@code not-after} its uses are counted and
 *     audited ({@link ExpiringSecretUses})
 */
@Validated
@ConfigurationProperties("tollgate.credentials")
public record CredentialsProperties(
        @NotNull @DefaultValue("file:./config/credentials.yml") Resource location,
        @NotNull @DefaultValue("7d") Duration expiryWarning) {}
