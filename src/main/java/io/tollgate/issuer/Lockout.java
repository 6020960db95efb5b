package io.tollgate.issuer;

import io.micrometer.core.instrument.Counter;
import io.tollgate.credentials.Authentication;
import io.tollgate.store.LoginAttemptStore;
import reactor.core.publisher.Mono;

/**
 * Failed-attempt lockout around a credential check, with counters in the state store (shared by
 * replicas in {@code redis} mode). While the key is locked the check is refused as {@code LOCKED}
 * without being made. A wrong secret counts against the key; a right one clears it; a right secret
 * on a disabled account counts nothing, since it was no guess. Lockouts nest: the brand endpoint
 * wraps its per-API-key lockout in a per-address one, with a higher limit of its own.
 */
public final class Lockout {

    private final LoginAttemptStore attempts;
    private final Counter refused;

    public Lockout(LoginAttemptStore attempts, Counter refused) {
        this.attempts = attempts;
        this.refused = refused;
    }

    /**
     * @param key whose failures count, such as {@code brand:<api key>} or {@code address:<ip>}
     * @param check the credential check, made only while the key is not locked
     */
    public <T> Mono<Authentication<T>> authenticate(String key, Mono<Authentication<T>> check) {
        return attempts.isLocked(key).flatMap(locked -> {
            if (locked) {
                refused.increment();
                return Mono.just(Authentication.<T>locked());
            }
            return check.flatMap(result -> switch (result.outcome()) {
                case AUTHENTICATED -> attempts.reset(key).thenReturn(result);
                case REJECTED -> attempts.recordFailure(key).thenReturn(result);
                case DISABLED, LOCKED -> Mono.just(result);
            });
        });
    }
}
