package io.tollgate.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Starts the demo upstream when {@code tollgate.demo.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tollgate.demo.enabled")
public class DemoConfiguration {

    @Bean
    DemoUpstream demoUpstream(DemoProperties properties, JsonMapper json) {
        return new DemoUpstream(properties.port(), json);
    }
}
