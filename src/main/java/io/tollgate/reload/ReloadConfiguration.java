package io.tollgate.reload;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings every {@link ReloadingFile} shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReloadProperties.class)
public class ReloadConfiguration {}
