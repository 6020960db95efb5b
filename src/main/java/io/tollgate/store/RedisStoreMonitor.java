package io.tollgate.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this replica's view of Redis current. Every {@code check-interval} it pings Redis (within
 * the store timeout); two pings in a row without an answer, or a lost subscription, report the
 * store unavailable. When Redis answers after not answering (or for the first time), it
 * subscribes to the revocation channels, then re-reads the whole revocation and cut-off sets
 * ({@link RedisAnnouncements}), and only then reports the store available: a revocation or cut-off
 * announced while this replica was cut off is never missed.
 *
 * <p>Pings alone do not see every cut: Redis restarted between two pings, or a blip that drops only
 * the subscription's connection, leaves the pings answered while announcements went unheard. So
 * every attempt of the driver to re-establish a lost connection ({@code reconnects}) also calls for
 * that recovery at the next answered ping, the store staying available meanwhile. A subscription
 * this monitor closes itself is not re-established, so it calls for nothing.
 *
 * <p>What it finds goes to {@link StoreState}, which readiness ({@link StoreHealthIndicator}), the
 * adapters and the guard's failure policy read. Its first check runs on the starting thread, so
 * the driver's connection (made lazily, and blocking while it is made) is made there; later
 * checks run on Reactor's bounded-elastic scheduler, never on an event loop.
 */
final class RedisStoreMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisStoreMonitor.class);

    private final RedisCalls redis;
    private final RedisAnnouncements announcements;
    private final StoreState state;
    private final Duration interval;
    /** One ping lost to a pause (a long GC, a starved core) is not an outage; two in a row are. */
    private static final int UNANSWERED_PINGS_TO_GIVE_UP = 2;

    private final Flux<?> reconnects;
    private final AtomicInteger unanswered = new AtomicInteger();
    /** A connection was lost since the last recovery, so announcements may have gone unheard. */
    private final AtomicBoolean connectionLost = new AtomicBoolean();
    private final AtomicReference<Disposable> subscription = new AtomicReference<>(Disposables.disposed());
    private volatile Disposable reconnectWatch = Disposables.disposed();
    private volatile Disposable checks;

    RedisStoreMonitor(
            RedisCalls redis, RedisAnnouncements announcements, StoreState state, Duration interval, Flux<?> reconnects) {
        this.redis = redis;
        this.announcements = announcements;
        this.state = state;
        this.interval = interval;
        this.reconnects = reconnects;
    }

    @Override
    public void start() {
        reconnectWatch = reconnects.subscribe(attempt -> connectionLost.set(true));
        check().block();
        checks = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> check().subscribeOn(Schedulers.boundedElastic()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        checks.dispose();
        reconnectWatch.dispose();
        subscription.getAndSet(Disposables.disposed()).dispose();
        state.set(false);
    }

    /**
     * Before the web server (which starts in a later phase and stops in an earlier one): the first
     * check has run before the first request arrives, and the store stays watched while requests
     * in flight drain at shutdown.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return checks != null && !checks.isDisposed();
    }

    private Mono<Void> check() {
        return redis.probe(StoreOperation.PING, redis.template().execute(connection -> connection.ping()).next())
                .flatMap(pong -> {
                    unanswered.set(0);
                    boolean lostSinceRecovery = connectionLost.getAndSet(false);
                    return state.isAvailable() && !lostSinceRecovery
                            ? Mono.<Void>empty()
                            : recover().doOnError(error -> connectionLost.set(true));
                })
                .onErrorResume(error -> {
                    if (unanswered.incrementAndGet() >= UNANSWERED_PINGS_TO_GIVE_UP) {
                        lost("Redis did not answer");
                    }
                    return Mono.empty();
                });
    }

    private Mono<Void> recover() {
        subscription.getAndSet(Disposables.disposed()).dispose();
        return announcements.listen(() -> lost("Revocation channel closed"))
                .doOnNext(subscription::set)
                .then(redis.prepareReplicatedWrites())
                .then(announcements.reload())
                .doOnNext(read -> {
                    if (!state.isAvailable()) {
                        state.set(true);
                        log.info("State store reachable; {} loaded", read);
                    } else {
                        log.info("State store connection re-established; {} re-read", read);
                    }
                })
                .then();
    }

    private void lost(String why) {
        if (state.isAvailable()) {
            state.set(false);
            log.warn("State store unavailable: {}", why);
        }
    }
}
