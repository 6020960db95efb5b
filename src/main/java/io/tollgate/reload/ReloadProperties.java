package io.tollgate.reload;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.reload.*}.
 *
 * @param pollInterval how often a reloadable file is read again whatever the file system
 *     announced: a watch misses changes made through a path it does not observe (a file
 *     reached through a symlink into another directory, a network file system)
 */
@Validated
@ConfigurationProperties("tollgate.reload")
public record ReloadProperties(@NotNull @DefaultValue("10s") Duration pollInterval) {}
