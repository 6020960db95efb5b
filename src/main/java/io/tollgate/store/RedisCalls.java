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

    RedisCalls(ReactiveStringRedisTemplate redis, StoreAvailability state, Duration timeout, StoreErrors errors) {
        this.redis = redis;
        this.state = state;
        this.timeout = timeout;
        this.errors = errors;
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

    private StoreUnavailableException failed(StoreOperation operation, Throwable error) {
        errors.count(operation);
        return error instanceof StoreUnavailableException known
                ? known
                : new StoreUnavailableException(operation.tag(), error);
    }
}
