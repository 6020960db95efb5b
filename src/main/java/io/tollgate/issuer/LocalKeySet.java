package io.tollgate.issuer;

import io.tollgate.token.KeySetChange;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import io.tollgate.validation.RefetchAllowance;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * The embedded issuer's keys as the validator trusts them: those of the ring in force, read per
 * lookup, so a reloaded key file verifies from the swap on and a dropped key stops at once.
 *
 * <p><b>Refetch on an unknown {@code kid}.</b> Replicas see a new version of a mounted key file at
 * different moments (the kubelet updates each pod's volume on its own schedule), so a token may
 * name a key another replica already signs with. Such a token makes the key file be read again
 * now ({@link SigningKeys#recheck}, off the event loop) instead of at the next watch event or
 * poll, and its verification waits for that read. As with {@code RemoteKeySet}, such reads are
 * rate limited ({@link RefetchAllowance}) and a lookup that arrives while one is under way joins
 * it.
 */
final class LocalKeySet implements TrustedIssuer {

    private static final Mono<Boolean> KNOWN = Mono.just(true);
    private static final Mono<Boolean> UNKNOWN = Mono.just(false);

    private final SigningKeys keys;
    private final String issuer;
    private final RefetchAllowance refetches;
    private final AtomicReference<CompletableFuture<Void>> checking = new AtomicReference<>();

    LocalKeySet(SigningKeys keys, RefetchAllowance refetches) {
        this.keys = keys;
        this.issuer = keys.current().issuer();
        this.refetches = refetches;
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public VerificationKey find(String keyId) {
        return keys.current().find(keyId);
    }

    @Override
    public Mono<Boolean> refetch(String keyId) {
        if (find(keyId) != null) {
            return KNOWN;
        }
        CompletableFuture<Void> check = checking.get();
        if (check == null) {
            if (!refetches.claim()) {
                return UNKNOWN;
            }
            check = recheck();
        }
        return Mono.fromFuture(check, true).then(Mono.fromSupplier(() -> find(keyId) != null));
    }

    @Override
    public void onKeysChanged(Consumer<KeySetChange> listener) {
        keys.onChange((before, after) -> listener.accept(KeySetChange.between(before.keyIds(), after.keyIds())));
    }

    /**
     * Reads the key file again, or joins the read under way. The future completes once the read is
     * over, never exceptionally (a refused file is logged and counted by the reload itself), and
     * independently of who waits on it.
     */
    private CompletableFuture<Void> recheck() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = checking.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        keys.recheck()
                .doFinally(signal -> {
                    checking.set(null);
                    mine.complete(null);
                })
                .subscribe(done -> {}, error -> {});
        return mine;
    }
}
