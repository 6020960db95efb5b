package io.tollgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The Redis the tests use: the server named by {@code REDIS_URL} when it is set (CI may start
 * one), otherwise a real Redis server binary shipped by embedded-redis, started once for the whole
 * run on a free port. Tests that stop Redis on purpose start their own with {@link #startServer}.
 * Every test uses its own key prefix, so runs never see each other's keys.
 */
public final class TestRedis {

    private static String url;

    private TestRedis() {}

    /** {@code redis://host:port} of the shared test Redis. */
    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv("REDIS_URL");
            url = configured != null && !configured.isBlank() ? configured : "redis://127.0.0.1:" + startServer().ports().get(0);
        }
        return url;
    }

    /** A new Redis server on a free port, stopped when the JVM exits. */
    public static RedisServer startServer() {
        return startServer(freePort());
    }

    /** A new Redis server on the given port (to restart one where it was), stopped when the JVM exits. */
    public static RedisServer startServer(int port) {
        return start(RedisServer.newRedisServer().port(port));
    }

    /** A new Redis server on a free port that asks every client for {@code password}. */
    public static RedisServer startServer(String password) {
        return start(RedisServer.newRedisServer().port(freePort()).setting("requirepass " + password));
    }

    private static RedisServer start(RedisServerBuilder builder) {
        try {
            RedisServer server = builder
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key prefix no other test uses. */
    public static String uniquePrefix() {
        return "test-" + UUID.randomUUID() + ":";
    }

    /** A started connection factory to the shared test Redis, for tests that use the adapters alone. */
    public static LettuceConnectionFactory connectionFactory() {
        URI uri = URI.create(url());
        return started(uri.getHost(), uri.getPort());
    }

    /** A started connection factory to a port nothing listens on. */
    public static LettuceConnectionFactory unreachableConnectionFactory() {
        return started("127.0.0.1", freePort());
    }

    private static LettuceConnectionFactory started(String host, int port) {
        return started(new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port)));
    }

    /** {@code factory}, initialised and started. */
    static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
