package io.tollgate.server;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.server.*}: how long the traffic port waits for a slow request body before it
 * closes the connection, which Spring Boot's {@code server.netty.*} keys do not cover. Waiting for
 * a request head is bounded by {@code server.netty.idle-timeout}: Reactor Netty's idle timer sees
 * only decoded requests, so a client that dribbles its headers is as idle as one that sends
 * nothing.
 *
 * @param requestReadTimeout the longest pause between two reads of a request body (Reactor Netty's
 *     {@code readTimeout})
 * @param requestBodyTimeout the whole body must have arrived this long after its reader asked for it
 *     ({@link RequestBodyTimeout})
 */
@Validated
@ConfigurationProperties("tollgate.server")
public record ServerTimeoutProperties(
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration requestReadTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("60s") Duration requestBodyTimeout) {}
