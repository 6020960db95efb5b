package io.tollgate.store;

import java.time.Duration;

/**
 * Makes the state stores of the configured engine ({@code tollgate.store.type}). Modules ask for
 * the stores they need with their own value types; the engine decides where they live.
 */
public interface StateStores {

    <T> AuthorizationCodeStore<T> authorizationCodes(Class<T> type);

    <T> GrantFamilyStore<T> grantFamilies(Class<T> type);

    /** Attempt counters that live for {@code window}, or {@code lockout} once a key reaches its limit. */
    LoginAttemptStore loginAttempts(Duration window, Duration lockout);
}
