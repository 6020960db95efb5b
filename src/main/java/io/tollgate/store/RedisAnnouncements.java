package io.tollgate.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The local copies of every set Redis shares, and the one subscription that keeps them current:
 * it listens on each copy's channel and hands each message to the copy of its channel.
 */
final class RedisAnnouncements {

    private static final Logger log = LoggerFactory.getLogger(RedisAnnouncements.class);

    private final RedisCalls redis;
    private final List<SharedSetCopy> copies;
    private final Map<String, SharedSetCopy> byChannel;

    RedisAnnouncements(RedisCalls redis, List<SharedSetCopy> copies) {
        this.redis = redis;
        this.copies = List.copyOf(copies);
        this.byChannel = copies.stream().collect(Collectors.toUnmodifiableMap(SharedSetCopy::channel, Function.identity()));
    }

    /**
     * Subscribes to every copy's channel; completes once Redis has confirmed the subscription, so a
     * {@link #reload} after it misses nothing. {@code onClosed} runs if the subscription ends.
     */
    Mono<Disposable> listen(Runnable onClosed) {
        String[] channels = copies.stream().map(SharedSetCopy::channel).toArray(String[]::new);
        return redis.probe(StoreOperation.REVOCATION_SUBSCRIBE, redis.template().listenToChannelLater(channels))
                .map(messages -> messages.subscribe(
                        message -> byChannel.get(message.getChannel()).announced(message.getMessage()),
                        error -> {
                            log.warn("Revocation channel lost: {}", error.getClass().getSimpleName());
                            onClosed.run();
                        },
                        onClosed));
    }

    /**
     * Re-reads every set whole, one after the other; emits what was read, for a log line: {@code 3
     * live revocations and 1 cut-offs}.
     */
    Mono<String> reload() {
        return Flux.fromIterable(copies)
                .concatMap(copy -> copy.reload().map(count -> count + " " + copy.entries()))
                .collect(Collectors.joining(" and "));
    }
}
