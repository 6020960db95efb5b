package io.tollgate.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.demo.*}: the built-in demo upstream of the embedded default.
 *
 * @param enabled start the demo upstream
 * @param port its port on 127.0.0.1; the demo routes point here
 */
@Validated
@ConfigurationProperties("tollgate.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @Min(0) @Max(65535) @DefaultValue("8082") int port) {}
