package io.tollgate.issuer.oauth;

import io.tollgate.audit.Claimant;
import io.tollgate.audit.Claimants;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.User;
import io.tollgate.issuer.Lockout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a person's username and password, with lockout: too many failures lock the username at
 * the client address, and many more from anywhere lock the username ({@link
 * Lockout#personalPassword}), whether or not it exists, so the lock tells nothing either. The
 * bcrypt check runs on Reactor's bounded-elastic scheduler, never on an event loop. Audit lines name
 * the person only when the username names a provisioned one ({@link #claimant}).
 */
final class UserSignIn {

    private final AccountAuthenticator<User> users;
    private final Claimants<User> claimants;
    private final Lockout lockout;

    UserSignIn(AccountAuthenticator<User> users, Lockout lockout) {
        this.users = users;
        this.claimants = new Claimants<>("user", users::provisioned, User::username);
        this.lockout = lockout;
    }

    /** The person {@code username} names, as an audit line may name them. */
    Claimant claimant(String username) {
        return claimants.of(username);
    }

    /**
     * {@code AUTHENTICATED} with the user, {@code REJECTED} for a wrong name or password, {@code
     * LOCKED} while the username is locked out at the client address of the request being served,
     * or everywhere.
     */
    Mono<Authentication<User>> signIn(String username, String password) {
        return lockout.personalPassword(username, claimant(username),
                Mono.fromCallable(() -> users.authenticate(username, password)).subscribeOn(Schedulers.boundedElastic()));
    }
}
