package io.tollgate.credentials;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Where the credentials file lives ({@code tollgate.credentials.location}). The file itself is
 * read by {@link CredentialsLoader}, so that a Kubernetes Secret can mount it apart from the rest
 * of the configuration.
 */
@Validated
@ConfigurationProperties("tollgate.credentials")
public record CredentialsProperties(
        @NotNull @DefaultValue("file:./config/credentials.yml") Resource location) {}
