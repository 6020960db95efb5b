package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandExpiryWriter;
import io.lettuce.core.protocol.DefaultEndpoint;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DeserializationContexts;
import tools.jackson.databind.deser.DeserializerCache;
import tools.jackson.databind.json.JsonMapper;

/** BlockHound is really installed: a blocking call on a Reactor thread fails, its allowances are narrow. */
class BlockingGuardTest {

    @Test
    void blockingOnAReactorThreadFails() {
        BlockingGuard.install();
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                        .doOnNext(tick -> {
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        })
                        .block())
                .hasMessageContaining("Blocking call");
    }

    /** The race the replicas' tests hit now and then: another thread holds the shared connection's lock. */
    @Test
    void waitingForTheSharedRedisConnectionOnAReactorThreadIsAllowed() throws Exception {
        BlockingGuard.install();
        LettuceConnectionFactory factory = TestRedis.connectionFactory();
        try {
            connect(factory);
            ReentrantLock lock = sharedConnectionLock(factory);
            CompletableFuture<String> answer;
            lock.lock();
            try {
                answer = Mono.fromCallable(() -> connect(factory)).subscribeOn(Schedulers.parallel()).toFuture();
                await().atMost(Duration.ofSeconds(5)).until(lock::hasQueuedThreads);
            } finally {
                lock.unlock();
            }
            assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("connected");
        } finally {
            factory.destroy();
        }
    }

    /**
     * The hang {@code ReplicasTest} hit: a Reactor thread sends a command while another thread
     * holds the Lettuce connection's write lock for an instant. Were BlockHound to fail that wait,
     * Lettuce would release a write permit it never took, and every later command on the
     * connection would spin forever (a replica's shutdown hung on it). The waiting command must go
     * through, and so must the next one.
     */
    @Test
    void waitingForALettuceConnectionsWriteLockOnAReactorThreadIsAllowed() throws Exception {
        BlockingGuard.install();
        RedisClient client = RedisClient.create(TestRedis.url());
        StatefulRedisConnection<String, String> connection = client.connect();
        try {
            ReentrantLock lock = writeLock(connection);
            CompletableFuture<String> answer;
            lock.lock();
            try {
                answer = connection.reactive().ping().subscribeOn(Schedulers.parallel()).toFuture();
                await().atMost(Duration.ofSeconds(5)).until(lock::hasQueuedThreads);
            } finally {
                lock.unlock();
            }
            assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
            assertThat(connection.reactive().ping().subscribeOn(Schedulers.parallel()).toFuture()
                    .get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
        } finally {
            // On a broken write lock closing spins forever too: leave it to a daemon thread.
            CompletableFuture.runAsync(() -> {
                connection.close();
                client.shutdown();
            });
        }
    }

    /** The 503 {@code ReplicasTest} saw when two replicas redeemed one code at the same moment. */
    @Test
    void waitingForARedisScriptsLockOnAReactorThreadIsAllowed() throws Exception {
        BlockingGuard.install();
        DefaultRedisScript<String> script = new DefaultRedisScript<>("return 'x'", String.class);
        String sha1 = script.getSha1();
        ReentrantLock lock = (ReentrantLock) field(DefaultRedisScript.class, "lock").get(script);
        CompletableFuture<String> read;
        lock.lock();
        try {
            read = Mono.fromCallable(script::getSha1).subscribeOn(Schedulers.parallel()).toFuture();
            await().atMost(Duration.ofSeconds(5)).until(lock::hasQueuedThreads);
        } finally {
            lock.unlock();
        }
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(sha1);
    }

    @Test
    void waitingForJacksonToBuildADeserializerOnAReactorThreadIsAllowed() throws Exception {
        BlockingGuard.install();
        JsonMapper json = JsonMapper.builder().build();
        Object contexts = field(ObjectMapper.class, "_deserializationContexts").get(json);
        Object cache = field(DeserializationContexts.class, "_cache").get(contexts);
        ReentrantLock lock = (ReentrantLock) field(DeserializerCache.class, "_incompleteDeserializersLock").get(cache);
        CompletableFuture<JsonNode> read;
        lock.lock();
        try {
            read = Mono.fromCallable(() -> json.readTree("{\"a\":1}")).subscribeOn(Schedulers.parallel()).toFuture();
            await().atMost(Duration.ofSeconds(5)).until(lock::hasQueuedThreads);
        } finally {
            lock.unlock();
        }
        assertThat(read.get(5, TimeUnit.SECONDS).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void connectingToRedisOnAReactorThreadFails() {
        BlockingGuard.install();
        LettuceConnectionFactory factory = TestRedis.connectionFactory();
        try {
            assertThatThrownBy(() -> Mono.fromCallable(() -> connect(factory))
                            .subscribeOn(Schedulers.parallel())
                            .block())
                    .hasMessageContaining("Blocking call");
        } finally {
            factory.destroy();
        }
    }

    /** Takes the factory's shared reactive connection, connecting it first if nobody has. */
    private static String connect(LettuceConnectionFactory factory) {
        return factory.getReactiveConnection() != null ? "connected" : "none";
    }

    /** The lock a Lettuce connection's endpoint takes for every command it writes. */
    private static ReentrantLock writeLock(StatefulRedisConnection<?, ?> connection) throws ReflectiveOperationException {
        Object writer = ((RedisChannelHandler<?, ?>) connection).getChannelWriter();
        if (writer instanceof CommandExpiryWriter) {
            writer = field(CommandExpiryWriter.class, "delegate").get(writer);
        }
        Object sharedLock = field(DefaultEndpoint.class, "sharedLock").get(writer);
        return (ReentrantLock) field(sharedLock.getClass(), "lock").get(sharedLock);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static ReentrantLock sharedConnectionLock(LettuceConnectionFactory factory) throws ReflectiveOperationException {
        return (ReentrantLock) field(LettuceConnectionFactory.class, "lock").get(factory);
    }
}
