package io.tollgate.store;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the writes that must outlive a failover of the primary (revocations, single-use
 * redemptions) and then {@code WAIT}s for {@code tollgate.store.redis.wait-replicas} replicas to
 * acknowledge them, within {@code wait-timeout}. {@code WAIT} counts the replicas that have every
 * write made on the connection it is sent on, and it cannot run inside a script, so the script and
 * the {@code WAIT} go on the same connection: on a standalone or Sentinel-managed Redis one
 * connection to the primary; on a cluster the connection to the primary that owns the slot of the
 * script's keys (Lettuce's connection to that node, the one it routed the script on).
 *
 * <p>(choice) The connection is Tollgate's own, opened from the client Spring Boot configured
 * (same addresses, credentials, TLS and options), not the connection every other call shares:
 * {@code WAIT} blocks the connection it runs on until the replicas answer or the timeout passes,
 * and it must not hold up rate limits and reads behind it while a replica lags. It is opened by
 * {@link RedisStoreMonitor} before the store is marked available (off the event loop), and
 * reconnects on its own after.
 */
final class ReplicatedWrites implements AutoCloseable {

    private final Supplier<AbstractRedisClient> client;
    private final int replicas;
    private final long timeoutMillis;
    private final AtomicReference<StatefulConnection<String, String>> connection = new AtomicReference<>();

    /**
     * @param client the client of Spring Boot's connection factory ({@code getRequiredNativeClient},
     *     asked when the connection is first opened, after the factory started)
     * @param replicas {@code wait-replicas}, at least 1
     * @param timeout {@code wait-timeout}
     */
    ReplicatedWrites(Supplier<AbstractRedisClient> client, int replicas, Duration timeout) {
        this.client = client;
        this.replicas = replicas;
        this.timeoutMillis = timeout.toMillis();
    }

    /** What a script replied, and how many replicas acknowledged it. */
    record Reply(List<String> values, long acknowledged) {}

    int replicas() {
        return replicas;
    }

    /** Runs the script, then {@code WAIT}s on the connection it ran on. */
    Mono<Reply> run(RedisScript<?> script, List<String> keys, List<String> args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        return connection().flatMap(connected -> {
            RedisClusterReactiveCommands<String, String> commands = commands(connected);
            Flux<Object> replies = commands.<Object>evalsha(script.getSha1(), ScriptOutputType.MULTI, keyArray, argArray)
                    .onErrorResume(RedisNoScriptException.class, missing -> commands.<Object>eval(
                            script.getScriptAsString(), ScriptOutputType.MULTI, keyArray, argArray));
            return replies.collectList()
                    .map(ReplicatedWrites::strings)
                    .flatMap(values -> primaryOf(connected, keyArray[0])
                            .flatMap(primary -> primary.reactive().waitForReplication(replicas, timeoutMillis))
                            .map(acknowledged -> new Reply(values, acknowledged)));
        });
    }

    private static RedisClusterReactiveCommands<String, String> commands(StatefulConnection<String, String> connection) {
        return connection instanceof StatefulRedisClusterConnection<String, String> cluster
                ? cluster.reactive()
                : ((StatefulRedisConnection<String, String>) connection).reactive();
    }

    /**
     * The connection the script went out on: the one connection, or on a cluster Lettuce's write
     * connection to the primary owning the key's slot (keyed by host and port, as its routing is).
     */
    @SuppressWarnings("unchecked")
    private static Mono<StatefulRedisConnection<String, String>> primaryOf(
            StatefulConnection<String, String> connection, String key) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            RedisClusterNode node = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
            if (node == null) {
                return Mono.error(new IllegalStateException("No primary owns the slot of the write"));
            }
            return Mono.fromCompletionStage(
                    cluster.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()));
        }
        return Mono.just((StatefulRedisConnection<String, String>) connection);
    }

    /** A script's reply as strings; Lettuce hands a multi-bulk reply over as one list. */
    private static List<String> strings(List<Object> replies) {
        List<String> values = new ArrayList<>();
        for (Object reply : replies) {
            if (reply instanceof List<?> list) {
                list.forEach(value -> values.add(String.valueOf(value)));
            } else {
                values.add(String.valueOf(reply));
            }
        }
        return List.copyOf(values);
    }

    /**
     * Opens the connection if it is not open yet: a step of the monitor's recovery, so that the
     * first revocation does not wait for it.
     */
    Mono<Void> open() {
        return connection().then();
    }

    /** The connection, opened once on a thread that may block; a failed attempt is retried on the next call. */
    private Mono<StatefulConnection<String, String>> connection() {
        return Mono.defer(() -> {
            StatefulConnection<String, String> open = connection.get();
            if (open != null) {
                return Mono.just(open);
            }
            return Mono.fromCallable(this::connect)
                    .subscribeOn(Schedulers.boundedElastic())
                    .map(made -> {
                        if (connection.compareAndSet(null, made)) {
                            return made;
                        }
                        made.closeAsync();
                        return connection.get();
                    });
        });
    }

    private StatefulConnection<String, String> connect() {
        AbstractRedisClient made = client.get();
        if (made instanceof RedisClusterClient cluster) {
            return cluster.connect(StringCodec.UTF8);
        }
        return ((RedisClient) made).connect(StringCodec.UTF8);
    }

    @Override
    public void close() {
        StatefulConnection<String, String> open = connection.getAndSet(null);
        if (open != null) {
            open.close();
        }
    }
}
