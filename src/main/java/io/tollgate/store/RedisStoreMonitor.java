package io.tollgate.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps this replica's view of Redis current. Every {@code check-interval} it pings Redis (within
 * the store timeout). When Redis answers after not answering (or for the first time), it
 * subscribes to the revocation channel, then re-reads the whole revocation set, and only then
 * reports the store available: a revocation announced while this replica was cut off is never
 * missed. A failed ping, or a lost subscription, reports it unavailable at once.
 *
 * <p>Readiness ({@link StoreHealthIndicator}) and the guard's failure policy read {@link
 * #isAvailable}, which answers from memory.
 */
final class RedisStoreMonitor implements StoreAvailability, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisStoreMonitor.class);

    private final RedisCalls redis;
    private final RedisRevocationStore revocations;
    private final Duration interval;
    private final AtomicReference<Disposable> subscription = new AtomicReference<>(Disposables.disposed());
    private volatile boolean available;
    private volatile Disposable checks;

    RedisStoreMonitor(RedisCalls redis, RedisRevocationStore revocations, Duration interval) {
        this.redis = redis;
        this.revocations = revocations;
        this.interval = interval;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public void start() {
        checks = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> check(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        checks.dispose();
        subscription.getAndSet(Disposables.disposed()).dispose();
        available = false;
    }

    @Override
    public boolean isRunning() {
        return checks != null && !checks.isDisposed();
    }

    private Mono<Void> check() {
        return redis.call("ping", redis.template().execute(connection -> connection.ping()).next())
                .flatMap(pong -> available ? Mono.<Void>empty() : recover())
                .onErrorResume(error -> {
                    lost("Redis did not answer");
                    return Mono.empty();
                });
    }

    private Mono<Void> recover() {
        subscription.getAndSet(Disposables.disposed()).dispose();
        return revocations.listen(() -> lost("Revocation channel closed"))
                .doOnNext(subscription::set)
                .then(revocations.reload())
                .doOnNext(count -> {
                    available = true;
                    log.info("State store reachable; {} live revocations loaded", count);
                })
                .then();
    }

    private void lost(String why) {
        if (available) {
            available = false;
            log.warn("State store unavailable: {}", why);
        }
    }
}
