package io.tollgate.validation;

import io.micrometer.core.instrument.Counter;
import io.tollgate.token.KeySetChange;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The issuer's public keys as a split gateway holds them: read from the issuer's JWK set over HTTP
 * ({@link JwksClient}) into an immutable snapshot that is swapped whole, so a lookup never sees a
 * half-read set.
 *
 * <ul>
 *   <li><b>Refresh ahead.</b> From start, the set is read every {@code refresh-interval} in the
 *       background; requests never wait for a routine refresh. A failed read is counted, logged in
 *       one line, retried after {@code refetch-min-interval}, and the last good snapshot keeps
 *       serving meanwhile.
 *   <li><b>Refetch on an unknown {@code kid}.</b> A token naming a key the snapshot lacks (say, the
 *       issuer rotated to a key published after the last refresh) makes the set be read again, and
 *       its verification waits for that read, asynchronously. Such reads are rate limited to one
 *       per {@code refetch-min-interval}, so made-up key ids cannot turn the gateway into a load
 *       generator against the issuer; a lookup that arrives while any read is under way joins it
 *       instead of starting another.
 *   <li><b>Changes are announced</b> ({@link #onKeysChanged}) once the new snapshot is in place,
 *       so the verdict caches forget the tokens of a key the issuer dropped. A read is handled on
 *       a {@code boundedElastic} thread, not the HTTP client's event loop, since that purge walks
 *       the caches.
 * </ul>
 */
public final class RemoteKeySet implements TrustedIssuer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemoteKeySet.class);
    private static final Mono<Boolean> KNOWN = Mono.just(true);
    private static final Mono<Boolean> UNKNOWN = Mono.just(false);

    private final String issuer;
    private final JwksClient client;
    private final Duration refreshInterval;
    private final Duration refetchMinInterval;
    private final RefetchAllowance refetches;
    private final Counter successes;
    private final Counter failures;
    private final AtomicReference<CompletableFuture<Boolean>> reading = new AtomicReference<>();
    private final List<Consumer<KeySetChange>> listeners = new CopyOnWriteArrayList<>();
    /** Null until the first successful read. */
    private volatile Map<String, VerificationKey> keys;
    private volatile Disposable schedule;

    RemoteKeySet(
            String issuer,
            JwksClient client,
            Duration refreshInterval,
            Duration refetchMinInterval,
            Clock clock,
            JwksRefreshMeters meters) {
        this.issuer = issuer;
        this.client = client;
        this.refreshInterval = refreshInterval;
        this.refetchMinInterval = refetchMinInterval;
        this.refetches = new RefetchAllowance(refetchMinInterval, clock);
        this.successes = meters.successes();
        this.failures = meters.failures();
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public VerificationKey find(String keyId) {
        Map<String, VerificationKey> current = keys;
        return current == null ? null : current.get(keyId);
    }

    @Override
    public boolean keysLoaded() {
        return keys != null;
    }

    @Override
    public Mono<Boolean> refetch(String keyId) {
        if (find(keyId) != null) {
            return KNOWN;
        }
        CompletableFuture<Boolean> read = reading.get();
        if (read == null) {
            if (!refetches.claim()) {
                return UNKNOWN;
            }
            read = read();
        }
        return Mono.fromFuture(read, true).map(done -> find(keyId) != null);
    }

    @Override
    public void onKeysChanged(Consumer<KeySetChange> listener) {
        listeners.add(listener);
    }

    /** Starts the background refresh: a first read at once, then one every {@code refresh-interval}. */
    @Override
    public void start() {
        schedule = Mono.fromFuture(this::read, true)
                .flatMap(ok -> Mono.delay(ok ? refreshInterval : refetchMinInterval))
                .repeat()
                .subscribe();
    }

    @Override
    public void stop() {
        schedule.dispose();
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    /**
     * Reads the set, or joins the read under way. The future completes with whether the read
     * succeeded, never exceptionally, and independently of who waits on it: a caller that gives up
     * does not cancel a read others are waiting for.
     */
    private CompletableFuture<Boolean> read() {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = reading.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        client.fetch().publishOn(Schedulers.boundedElastic()).subscribe(
                fresh -> {
                    Map<String, VerificationKey> before = keys;
                    keys = fresh;
                    successes.increment();
                    if (before == null || !before.keySet().equals(fresh.keySet())) {
                        log.info("Trusting the keys {} of the JWK set at {}", new TreeSet<>(fresh.keySet()),
                                client.source());
                        announce(KeySetChange.between(before == null ? Set.of() : before.keySet(), fresh.keySet()));
                    }
                    finish(mine, true);
                },
                error -> {
                    failures.increment();
                    Map<String, VerificationKey> current = keys;
                    log.warn("Reading the JWK set at {} failed ({}); still trusting the {} keys read before",
                            client.source(), describe(error), current == null ? 0 : current.size());
                    finish(mine, false);
                });
        return mine;
    }

    private void finish(CompletableFuture<Boolean> read, boolean ok) {
        reading.set(null);
        read.complete(ok);
    }

    private void announce(KeySetChange change) {
        for (Consumer<KeySetChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A listener of the JWK set at {} failed: {}", client.source(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * The failure in a few words: the status, the document problem {@link JwksClient} found, or the
     * kind of I/O failure. Never the response body (a misconfigured URL could answer anything).
     */
    private static String describe(Throwable error) {
        if (error instanceof WebClientResponseException response) {
            return "HTTP " + response.getStatusCode().value();
        }
        if (error instanceof IllegalArgumentException) {
            return error.getMessage();
        }
        return NestedExceptionUtils.getMostSpecificCause(error).getClass().getSimpleName();
    }
}
