package io.tollgate.server;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what a slow client can hold on the traffic port. Spring Boot's {@code
 * server.netty.idle-timeout} covers a connection without a complete request head (idle, or
 * dribbling its headers); Reactor Netty's body timeouts, which Boot has no keys for, are set here.
 */
@Configuration(proxyBeanMethods = false)
public class ServerTimeoutConfiguration {

    @Bean
    NettyServerCustomizer slowClientTimeouts(ServerTimeoutProperties timeouts) {
        return server -> server
                .readTimeout(timeouts.requestReadTimeout())
                .requestTimeout(timeouts.requestBodyTimeout());
    }
}
