package io.tollgate.support;

import io.tollgate.TollgateApplication;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One Tollgate replica in this JVM: the application with the operator configuration of {@code
 * config/}, on random ports, with the test keys, credentials and upstream, on the Redis store. Two
 * of them with one key prefix behave as two pods of one deployment.
 */
public final class Replica implements AutoCloseable {

    static {
        BlockingGuard.install();
    }

    private final ConfigurableApplicationContext context;

    private Replica(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a replica on {@code redisUrl}, its keys under {@code keyPrefix}; {@code overrides}
     * win over the defaults here, which win over {@code config/application.yml}.
     */
    public static Replica start(String redisUrl, String keyPrefix, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("tollgate.demo.enabled", "false");
        properties.put("tollgate.demo.port", String.valueOf(TestUpstream.port()));
        properties.put("tollgate.issuer.keys.location", "file:" + TestKeys.FILE);
        properties.put("tollgate.issuer.keys.active-kid", TestKeys.ACTIVE.getKeyID());
        properties.put("tollgate.credentials.location", "file:" + TestCredentials.FILE);
        properties.put("tollgate.store.type", "redis");
        properties.put("spring.data.redis.url", redisUrl);
        properties.put("tollgate.store.redis.key-prefix", keyPrefix);
        properties.put("tollgate.store.redis.revocation-channel", keyPrefix + "revocations");
        properties.put("tollgate.store.redis.check-interval", "200ms");
        properties.put("tollgate.store.redis.timeout", "2s");
        properties.put("logging.level.io.tollgate", "DEBUG");
        properties.putAll(overrides);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new Replica(new SpringApplicationBuilder(TollgateApplication.class).run(arguments));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port())
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    public WebTestClient management() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort())
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
