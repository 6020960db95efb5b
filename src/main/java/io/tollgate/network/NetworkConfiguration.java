package io.tollgate.network;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

/**
 * Who the client is, on every pod: the request in the Reactor context for code that needs the
 * client address but has no request at hand ({@link ServerWebExchangeContextFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class NetworkConfiguration {

    @Bean
    ServerWebExchangeContextFilter serverWebExchangeContextFilter() {
        return new ServerWebExchangeContextFilter();
    }
}
