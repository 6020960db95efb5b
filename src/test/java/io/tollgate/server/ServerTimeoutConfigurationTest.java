package io.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.server.HttpServer;

/**
 * {@code tollgate.server.*} reaches the body timeouts (Reactor Netty's read timeout, Tollgate's body timeout), and a timeout that cannot work
 * stops the start. The timeouts' effect on real connections is {@code SlowClientTest}'s.
 */
class ServerTimeoutConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Timeouts.class, ServerTimeoutConfiguration.class)
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class));

    @Test
    void theReadTimeoutIsReactorNettysAndTheBodyTimeoutTollgatesOwn() {
        runner.withPropertyValues("tollgate.server.request-read-timeout=7s", "tollgate.server.request-body-timeout=42s")
                .run(context -> {
                    HttpServer server = context.getBean(NettyServerCustomizer.class).apply(HttpServer.create());
                    assertThat(server.configuration().readTimeout()).isEqualTo(Duration.ofSeconds(7));
                    // Reactor Netty's requestTimeout holds every request answered before its body
                    // was read until its timer fires: it must stay off (RequestBodyTimeout's Javadoc).
                    assertThat(server.configuration().requestTimeout()).isNull();
                    assertThat(context.getBean(RequestBodyTimeout.class))
                            .extracting("timeout").isEqualTo(Duration.ofSeconds(42));
                });
    }

    @Test
    void theDefaultsBoundEveryPhaseOfARequest() {
        runner.run(context -> assertThat(context.getBean(ServerTimeoutProperties.class))
                .isEqualTo(new ServerTimeoutProperties(
                        Duration.ofSeconds(10), Duration.ofSeconds(60))));
    }

    @Test
    void aZeroTimeoutStopsTheStart() {
        runner.withPropertyValues("tollgate.server.request-read-timeout=0s")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("tollgate.server")
                        .hasMessageContaining("requestReadTimeout"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ServerTimeoutProperties.class)
    static class Timeouts {}
}
