package io.tollgate.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One Tollgate replica in this JVM ({@link Standalone}, so closing it stops only its own event
 * loops): the application with the operator configuration of {@code config/}, on random ports,
 * with the test keys, credentials and upstream, on the Redis store. Two of them with one key
 * prefix behave as two pods of one deployment.
 */
public final class Replica implements AutoCloseable {

    /** {@code tollgate.store.redis.check-interval} of every replica: short, so outages are seen at once. */
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

    private final ConfigurableApplicationContext context;

    private Replica(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a replica on the Redis at {@code redisUrl}, its keys under {@code keyPrefix}; {@code overrides}
     * win over the defaults here, which win over {@code config/application.yml}.
     */
    public static Replica start(String redisUrl, String keyPrefix, Map<String, String> overrides) {
        return start(Map.of("spring.data.redis.url", redisUrl), keyPrefix, overrides);
    }

    /**
     * Starts a replica on the Redis that {@code redis} names with Spring Boot's own keys ({@code
     * spring.data.redis.url}, or {@code host}, {@code port}, {@code password}, {@code database}, …).
     */
    public static Replica start(Map<String, String> redis, String keyPrefix, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("tollgate.issuer.keys.location", "file:" + TestKeys.FILE);
        properties.put("tollgate.issuer.keys.active-kid", TestKeys.ACTIVE.getKeyID());
        properties.put("tollgate.credentials.location", "file:" + TestCredentials.FILE);
        properties.put("tollgate.store.type", "redis");
        properties.putAll(redis);
        properties.put("tollgate.store.redis.key-prefix", keyPrefix);
        properties.put("tollgate.store.redis.revocation-channel", keyPrefix + "revocations");
        properties.put("tollgate.store.redis.check-interval", CHECK_INTERVAL.toMillis() + "ms");
        properties.put("tollgate.store.redis.timeout", "2s");
        properties.putAll(overrides);
        return new Replica(Standalone.start(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new)));
    }

    public int port() {
        return Standalone.port(context);
    }

    public int managementPort() {
        return Standalone.managementPort(context);
    }

    public WebTestClient client() {
        return ContractCheck.traffic(WebTestClient.bindToServer())
                .baseUrl("http://localhost:" + port())
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    public WebTestClient management() {
        return ContractCheck.management(WebTestClient.bindToServer())
                .baseUrl("http://localhost:" + managementPort())
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** This replica's readiness probe. */
    public WebTestClient.ResponseSpec readiness() {
        return management().get().uri("/actuator/health/readiness").exchange();
    }

    /** A request with a brand token to the demo route that takes one ({@code /demo/genuin}). */
    public WebTestClient.ResponseSpec guarded(String brandToken) {
        return client().get().uri("/demo/genuin/hello").header("gn-access-token", brandToken).exchange();
    }

    /** Revokes a token through this replica's {@code invalidate_token}. */
    public WebTestClient.ResponseSpec invalidate(String token) {
        return client().post().uri("/platform/oauth/invalidate_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token)
                .exchange();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
