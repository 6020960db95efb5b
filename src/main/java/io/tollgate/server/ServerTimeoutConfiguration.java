package io.tollgate.server;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what a slow client can hold on the traffic port. Spring Boot's {@code
 * server.netty.idle-timeout} covers a connection without a complete request head (idle, or
 * dribbling its headers); Reactor Netty's {@code readTimeout}, which Boot has no key for, the pause
 * between two reads of a body; {@link RequestBodyTimeout} the whole body (Reactor Netty's own
 * {@code requestTimeout} holds every request answered before its body was read until it fires).
 */
@Configuration(proxyBeanMethods = false)
public class ServerTimeoutConfiguration {

    @Bean
    NettyServerCustomizer slowClientTimeouts(ServerTimeoutProperties timeouts) {
        return server -> server
                .readTimeout(timeouts.requestReadTimeout());
    }

    @Bean
    RequestBodyTimeout requestBodyTimeout(ServerTimeoutProperties timeouts) {
        return new RequestBodyTimeout(timeouts.requestBodyTimeout());
    }
}
