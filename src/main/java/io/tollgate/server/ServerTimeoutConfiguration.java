package io.tollgate.server;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what a slow client can hold on the traffic port. Spring Boot's {@code server.netty.*} keys
 * cover the idle connection; Reactor Netty's body timeouts and the head deadline, which neither
 * offers, are set here.
 */
@Configuration(proxyBeanMethods = false)
public class ServerTimeoutConfiguration {

    @Bean
    NettyServerCustomizer slowClientTimeouts(ServerTimeoutProperties timeouts) {
        return server -> server
                .readTimeout(timeouts.requestReadTimeout())
                .requestTimeout(timeouts.requestBodyTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) ->
                        RequestHeadDeadline.install(channel.pipeline(), timeouts.requestHeaderTimeout()));
    }
}
