package io.tollgate.server;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.server.*}: how long the traffic port waits for a slow client before it closes the
 * connection. An idle connection (no request begun) is bounded by Spring Boot's own {@code
 * server.netty.idle-timeout}.
 *
 * @param requestHeaderTimeout the request line and every header must have arrived this long after
 *     the request's first byte
 * @param requestReadTimeout the longest pause between two reads of a request body (Reactor Netty's
 *     {@code readTimeout})
 * @param requestBodyTimeout the whole body must have arrived this long after the headers (Reactor
 *     Netty's {@code requestTimeout})
 */
@Validated
@ConfigurationProperties("tollgate.server")
public record ServerTimeoutProperties(
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration requestHeaderTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration requestReadTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("60s") Duration requestBodyTimeout) {}
