package io.tollgate.admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The management server gets the application's Reactor Netty customizers, as the traffic port
 * does: only {@code tollgate.network.trusted-proxies} may name the client ({@link
 * io.tollgate.network.ForwardedClient}), and slow request bodies are cut off ({@code
 * tollgate.server.*}). Spring Boot builds the management server from a factory of its own, which
 * the application's {@link NettyServerCustomizer} beans never reach; on Kubernetes it then turns
 * on Reactor Netty's own forwarded-header handling there, which believes any client's {@code
 * X-Forwarded-For}, so a caller of the write endpoint could name its own address in the audit line.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementServerContext.class)
public class ManagementPortConfiguration {

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> applicationNettyCustomizers(
            ObjectProvider<NettyServerCustomizer> customizers) {
        return factory -> factory.addServerCustomizers(customizers.orderedStream().toArray(NettyServerCustomizer[]::new));
    }
}
