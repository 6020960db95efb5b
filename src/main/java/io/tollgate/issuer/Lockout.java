package io.tollgate.issuer;

import io.micrometer.core.instrument.Counter;
import io.tollgate.credentials.Authentication;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.store.LoginAttemptStore;
import io.tollgate.store.LoginAttemptStore.Reservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Failed-attempt lockout around a credential check, with counters in the state store (shared by
 * replicas in {@code redis} mode), keyed by the client address of the request being served
 * ({@link ClientAddress#ofCurrentRequest()}).
 *
 * <p>Who is locked depends on the secret. A machine secret (a brand's API secret, a channel
 * user's UUID password, an OAuth client secret) has 128 bits or more: no number of guesses finds
 * it, so locking the account would protect nothing and let anyone shut a partner out by sending
 * wrong secrets under its name. Those checks are counted and locked per client address only. A
 * person's password can be guessed, so it is counted per person at an address (a stranger's
 * guesses lock the stranger's address, not the person) and, with a higher limit, per person
 * (guesses spread over many addresses still end).
 *
 * <p>Each attempt is reserved before the check and given back if the check was no guess (the
 * right secret, a disabled account, an error), so parallel guesses cannot all pass a check made
 * before any of them is counted. A locked key answers {@code LOCKED} without the check being
 * made; each lock taken is one line on the {@code tollgate.audit} logger, with the key (an
 * address, and for people the username as typed), never a secret.
 */
public final class Lockout {

    private static final Logger audit = LoggerFactory.getLogger("tollgate.audit");

    private final LoginAttemptStore attempts;
    private final IssuerProperties.Lockout limits;
    private final Counter refused;

    public Lockout(LoginAttemptStore attempts, IssuerProperties.Lockout limits, Counter refused) {
        this.attempts = attempts;
        this.limits = limits;
        this.refused = refused;
    }

    /** A machine secret's check, counted against the client address. */
    public <T> Mono<Authentication<T>> machineSecret(Mono<Authentication<T>> check) {
        return ClientAddress.ofCurrentRequest().flatMap(address -> {
            String key = "address:" + address;
            return attempts.reserve(key, limits.addressMaxFailures()).flatMap(reservation -> {
                if (!reservation.granted()) {
                    return locked();
                }
                return guarded(check, reservation, key, attempts.release(key), attempts.release(key));
            });
        });
    }

    /** A person's password check, counted against the person at the client address, then against the person. */
    public <T> Mono<Authentication<T>> personalPassword(String username, Mono<Authentication<T>> check) {
        String person = username == null ? "" : username;
        return ClientAddress.ofCurrentRequest().flatMap(address -> {
            String here = "user-address:" + address + "/" + person;
            String anywhere = "user:" + person;
            return attempts.reserve(here, limits.userAddressMaxFailures()).flatMap(atAddress -> {
                if (!atAddress.granted()) {
                    return locked();
                }
                return attempts.reserve(anywhere, limits.userMaxFailures()).flatMap(atAll -> {
                    if (!atAll.granted()) {
                        return attempts.release(here).then(locked());
                    }
                    Reservation last = atAddress == Reservation.LAST ? atAddress : atAll;
                    String lockedKey = atAddress == Reservation.LAST ? here : anywhere;
                    return guarded(check, last, lockedKey,
                            attempts.reset(here).then(attempts.release(anywhere)),
                            attempts.release(here).then(attempts.release(anywhere)));
                });
            });
        });
    }

    /**
     * Makes the check under a reservation: a wrong secret keeps it counted, the right one runs
     * {@code onSuccess}, anything that was no guess (a disabled account, an error) {@code giveBack}.
     */
    private <T> Mono<Authentication<T>> guarded(Mono<Authentication<T>> check, Reservation reservation, String key,
            Mono<Void> onSuccess, Mono<Void> giveBack) {
        return check
                .onErrorResume(error -> giveBack.then(Mono.error(error)))
                .flatMap(result -> switch (result.outcome()) {
                    case AUTHENTICATED -> onSuccess.thenReturn(result);
                    case REJECTED -> {
                        if (reservation == Reservation.LAST) {
                            audit.info("event=lockout key={} duration={}", key, limits.duration());
                        }
                        yield Mono.just(result);
                    }
                    case DISABLED, LOCKED -> giveBack.thenReturn(result);
                });
    }

    private <T> Mono<Authentication<T>> locked() {
        refused.increment();
        return Mono.just(Authentication.locked());
    }
}
