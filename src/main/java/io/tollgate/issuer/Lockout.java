package io.tollgate.issuer;

import io.tollgate.audit.Claimant;
import io.tollgate.credentials.Authentication;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.observability.LockoutTrail;
import io.tollgate.store.LoginAttemptStore;
import io.tollgate.store.LoginAttemptStore.Reservation;
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
 * made. Each lock taken and each check refused under one is an audit line ({@link LockoutTrail})
 * with its scope and the client address; a person is named only as a {@link Claimant}, so a
 * username that names nobody (a password typed into the wrong field) is never written.
 */
public final class Lockout {

    private static final String ADDRESS = "address";
    private static final String PERSON_AT_ADDRESS = "person-at-address";
    private static final String PERSON = "person";

    private final LoginAttemptStore attempts;
    private final IssuerProperties.Lockout limits;
    private final LockoutTrail trail;

    public Lockout(LoginAttemptStore attempts, IssuerProperties.Lockout limits, LockoutTrail trail) {
        this.attempts = attempts;
        this.limits = limits;
        this.trail = trail;
    }

    /** A machine secret's check, counted against the client address. */
    public <T> Mono<Authentication<T>> machineSecret(Mono<Authentication<T>> check) {
        return ClientAddress.ofCurrentRequest().flatMap(address -> {
            String key = "address:" + address;
            return attempts.reserve(key, limits.addressMaxFailures()).flatMap(reservation -> {
                if (!reservation.granted()) {
                    return locked(ADDRESS, Claimant.NONE, address);
                }
                return guarded(check, reservation, () -> trail.engaged(ADDRESS, Claimant.NONE, address,
                        limits.duration()), attempts.release(key), attempts.release(key));
            });
        });
    }

    /**
     * A person's password check, counted against the person at the client address, then against the
     * person; {@code username} as typed, {@code person} as the audit lines may name it.
     */
    public <T> Mono<Authentication<T>> personalPassword(String username, Claimant person,
            Mono<Authentication<T>> check) {
        String typed = username == null ? "" : username;
        return ClientAddress.ofCurrentRequest().flatMap(address -> {
            String here = "user-address:" + address + "/" + typed;
            String anywhere = "user:" + typed;
            return attempts.reserve(here, limits.userAddressMaxFailures()).flatMap(atAddress -> {
                if (!atAddress.granted()) {
                    return locked(PERSON_AT_ADDRESS, person, address);
                }
                return attempts.reserve(anywhere, limits.userMaxFailures()).flatMap(atAll -> {
                    if (!atAll.granted()) {
                        return attempts.release(here).then(locked(PERSON, person, address));
                    }
                    Reservation last = atAddress == Reservation.LAST ? atAddress : atAll;
                    String scope = atAddress == Reservation.LAST ? PERSON_AT_ADDRESS : PERSON;
                    return guarded(check, last, () -> trail.engaged(scope, person, address, limits.duration()),
                            attempts.reset(here).then(attempts.release(anywhere)),
                            attempts.release(here).then(attempts.release(anywhere)));
                });
            });
        });
    }

    /**
     * Makes the check under a reservation: a wrong secret keeps it counted, the right one runs
     * {@code onSuccess}, anything that was no guess (a disabled account, an error) {@code giveBack};
     * a wrong secret on the last reservation takes the lock, which is {@code engaged}.
     */
    private <T> Mono<Authentication<T>> guarded(Mono<Authentication<T>> check, Reservation reservation,
            Runnable engaged, Mono<Void> onSuccess, Mono<Void> giveBack) {
        return check
                .onErrorResume(error -> giveBack.then(Mono.error(error)))
                .flatMap(result -> switch (result.outcome()) {
                    case AUTHENTICATED -> onSuccess.thenReturn(result);
                    case REJECTED -> {
                        if (reservation == Reservation.LAST) {
                            engaged.run();
                        }
                        yield Mono.just(result);
                    }
                    case DISABLED, LOCKED -> giveBack.thenReturn(result);
                });
    }

    private <T> Mono<Authentication<T>> locked(String scope, Claimant claimant, String address) {
        return Mono.fromSupplier(() -> {
            trail.refused(scope, claimant, address);
            return Authentication.locked();
        });
    }
}
