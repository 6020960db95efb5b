package io.tollgate.network;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

/**
 * Who the client is, on every pod: Reactor Netty's forwarded-header hook restricted to {@code
 * tollgate.network.trusted-proxies} ({@link ForwardedClient}), the client address passed on to
 * upstreams ({@link ForwardedHeaders}), and the request in the Reactor context for code that
 * needs the address but has no request at hand ({@link ServerWebExchangeContextFilter}).
 *
 * <p>The hook is installed even with no trusted proxy, because Spring Boot turns on Reactor
 * Netty's unrestricted one by itself on Kubernetes (where {@code server.forward-headers-strategy}
 * defaults to {@code native}), which would let any client pick its address with {@code
 * X-Forwarded-For}. An explicit {@code native} or {@code framework} strategy fails the start for
 * the same reason.
 */
@Configuration(proxyBeanMethods = false)
public class NetworkConfiguration {

    @Bean
    NettyServerCustomizer trustedProxiesOnly(NetworkProperties properties, Environment environment) {
        String strategy = environment.getProperty("server.forward-headers-strategy", "none");
        if (!strategy.equalsIgnoreCase("none")) {
            throw new IllegalStateException("server.forward-headers-strategy=" + strategy
                    + " would believe X-Forwarded-For from any client: remove it and list the proxies in"
                    + " tollgate.network.trusted-proxies");
        }
        ForwardedClient forwarded = new ForwardedClient(new TrustedProxies(properties.trustedProxies()));
        return server -> server.forwarded(forwarded);
    }

    @Bean
    ForwardedHeaders forwardedHeaders() {
        return new ForwardedHeaders();
    }

    @Bean
    ServerWebExchangeContextFilter serverWebExchangeContextFilter() {
        return new ServerWebExchangeContextFilter();
    }
}
