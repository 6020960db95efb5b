package io.tollgate.store;

import java.time.Clock;
import java.time.Duration;

/** In-process stores: the embedded default, for a single instance. */
final class MemoryStateStores implements StateStores {

    private final Clock clock;

    MemoryStateStores(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <T> AuthorizationCodeStore<T> authorizationCodes(Class<T> type) {
        return new MemoryAuthorizationCodeStore<>(clock);
    }

    @Override
    public <T> GrantFamilyStore<T> grantFamilies(Class<T> type) {
        return new MemoryGrantFamilyStore<>(clock);
    }

    @Override
    public LoginAttemptStore loginAttempts(Duration window, Duration lockout) {
        return new MemoryLoginAttemptStore(clock, window, lockout);
    }
}
