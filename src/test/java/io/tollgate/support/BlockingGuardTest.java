package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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

    private static ReentrantLock sharedConnectionLock(LettuceConnectionFactory factory) throws ReflectiveOperationException {
        Field lock = LettuceConnectionFactory.class.getDeclaredField("lock");
        lock.setAccessible(true);
        return (ReentrantLock) lock.get(factory);
    }
}
