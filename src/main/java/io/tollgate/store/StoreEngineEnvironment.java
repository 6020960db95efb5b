package io.tollgate.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Keeps Redis out of an instance on the in-memory store. Redis support is on the classpath for
 * {@code tollgate.store.type=redis}, and Spring Boot would otherwise configure it whatever the
 * store, such as a Redis health check that fails without Redis. With {@code memory} (the default)
 * this excludes those auto-configurations, so the embedded default opens no Redis connection.
 */
public final class StoreEngineEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String type = environment.getProperty("tollgate.store.type", "memory");
        if (!"memory".equalsIgnoreCase(type.trim())) {
            return;
        }
        Set<String> excluded = new LinkedHashSet<>(
                StringUtils.commaDelimitedListToSet(environment.getProperty(EXCLUDE, "")));
        excluded.remove("");
        excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
        environment.getPropertySources().addFirst(new MapPropertySource("tollgateMemoryStore",
                Map.of(EXCLUDE, String.join(",", excluded))));
    }

    /** After the configuration files are read, so a {@code tollgate.store.type} set there counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
