package io.tollgate.issuer.oauth;

import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.User;
import io.tollgate.store.LoginAttemptStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a person's username and password, with lockout: too many failures lock the username,
 * whether or not it exists, so the lock tells nothing either. The bcrypt check runs on Reactor's
 * bounded-elastic scheduler, never on an event loop.
 */
final class UserSignIn {

    private final AccountAuthenticator<User> users;
    private final LoginAttemptStore attempts;

    UserSignIn(AccountAuthenticator<User> users, LoginAttemptStore attempts) {
        this.users = users;
        this.attempts = attempts;
    }

    /**
     * {@code AUTHENTICATED} with the user, {@code REJECTED} for a wrong name or password, {@code
     * DISABLED} while the username is locked out.
     */
    Mono<Authentication<User>> signIn(String username, String password) {
        String key = "user:" + (username == null ? "" : username);
        return attempts.isLocked(key).flatMap(locked -> locked
                ? Mono.just(Authentication.<User>locked())
                : Mono.fromCallable(() -> users.authenticate(username, password))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(result -> (result.outcome() == Authentication.Outcome.AUTHENTICATED
                                        ? attempts.reset(key)
                                        : attempts.recordFailure(key))
                                .thenReturn(result)));
    }
}
