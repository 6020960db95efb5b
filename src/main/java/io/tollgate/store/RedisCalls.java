package io.tollgate.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every Redis call of the adapters goes through here: it is bounded by {@code
 * tollgate.store.redis.timeout} so that nothing waits on a Redis that does not answer, and a
 * failure becomes a {@link StoreUnavailableException} counted in {@code
 * tollgate_store_errors_total{operation}}. While the store is known to be unavailable, calls fail
 * at once without touching Redis: the driver connects lazily, and a connection attempt must never
 * be made on a request's event loop. Only {@link RedisStoreMonitor} probes Redis then.
 */
final class RedisCalls {

    private final ReactiveStringRedisTemplate redis;
    private final StoreAvailability state;
    private final Duration timeout;
    private final StoreErrors errors;
    /** Null with {@code wait-replicas: 0}: a write is acknowledged once the primary answered. */
    private final ReplicatedWrites replicated;

    RedisCalls(ReactiveStringRedisTemplate redis, StoreAvailability state, Duration timeout, StoreErrors errors) {
        this(redis, state, timeout, errors, null);
    }

    /** With {@code replicated}, {@link #replicatedScript} waits for replicas to acknowledge a write. */
    RedisCalls(ReactiveStringRedisTemplate redis, StoreAvailability state, Duration timeout, StoreErrors errors,
            ReplicatedWrites replicated) {
        this.redis = redis;
        this.state = state;
        this.timeout = timeout;
        this.errors = errors;
        this.replicated = replicated;
    }

    ReactiveStringRedisTemplate template() {
        return redis;
    }

    <T> Mono<T> call(StoreOperation operation, Mono<T> call) {
        return Mono.defer(() -> state.isAvailable() ? probe(operation, call) : Mono.error(failed(operation, null)));
    }

    /** A call made whatever the store's state: the monitor's way of finding out. */
    <T> Mono<T> probe(StoreOperation operation, Mono<T> call) {
        return call.timeout(timeout).onErrorMap(error -> failed(operation, error));
    }

    /** Runs a script whose reply is an array of strings; empty when the script returns nil. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Mono<List<String>> script(StoreOperation operation, RedisScript<List> script, List<String> keys, Object... args) {
        Flux<List> replies = Flux.defer(() ->
                redis.execute(script, keys, List.of(args).stream().map(String::valueOf).toList()));
        return call(operation, replies
                .reduceWith(ArrayList<String>::new, (all, reply) -> {
                    reply.forEach(value -> all.add(String.valueOf(value)));
                    return all;
                })
                .filter(values -> !values.isEmpty())
                .map(List::copyOf));
    }

    /**
     * Runs a write that must outlive a failover of the primary (a revocation, a redemption), then,
     * with {@code wait-replicas} above 0, waits for that many replicas to acknowledge it ({@link
     * ReplicatedWrites}). Emits the reply (empty for a script that returns nil) once acknowledged;
     * when fewer replicas acknowledged in time, fails with a {@link StoreUnavailableException}
     * caused by {@link ReplicationShortfall}, counted as {@code operation="replication.wait"}: the write is on the primary (and announced),
     * but a failover now could lose it.
     */
    @SuppressWarnings("rawtypes")
    Mono<List<String>> replicatedScript(
            StoreOperation operation, RedisScript<List> script, List<String> keys, Object... args) {
        if (replicated == null) {
            return script(operation, script, keys, args);
        }
        List<String> values = List.of(args).stream().map(String::valueOf).toList();
        return call(operation, Mono.defer(() -> replicated.run(script, keys, values)))
                .flatMap(reply -> {
                    if (reply.acknowledged() < replicated.replicas()) {
                        errors.count(StoreOperation.REPLICATION_WAIT);
                        return Mono.error(new StoreUnavailableException(operation.tag(), new ReplicationShortfall(reply.values())));
                    }
                    return reply.values().isEmpty() ? Mono.empty() : Mono.just(reply.values());
                });
    }

    /** Opens the connection replicated writes use, when there is one; the monitor's step before "available". */
    Mono<Void> prepareReplicatedWrites() {
        return replicated == null ? Mono.empty() : probe(StoreOperation.PING, replicated.open());
    }

    private StoreUnavailableException failed(StoreOperation operation, Throwable error) {
        errors.count(operation);
        return error instanceof StoreUnavailableException known
                ? known
                : new StoreUnavailableException(operation.tag(), error);
    }
}
