package io.tollgate.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Checks an account name and secret against the provisioned accounts of one kind (brands by API
 * key, channel users by username, confidential clients by id, people by username), in the
 * snapshot in force.
 *
 * <p>Any of the account's secrets that is unexpired by the application clock, read at each check,
 * authenticates; an expired one is refused exactly like a wrong one. Every stored secret of the
 * account is compared, each in constant time, so the answer's timing does not tell which one
 * matched. The secret is checked before the account state, so a wrong secret on a suspended
 * account answers like any other wrong secret: only the owner of an account learns its state. An
 * unknown name spends the time of a real comparison, so response time does not tell which names
 * exist.
 *
 * @param <T> the kind of account
 */
public final class AccountAuthenticator<T extends Account> {

    private final CredentialsSource source;
    private final BiFunction<Credentials, String, T> find;
    private final SecretVerifier secrets;
    private final ExpiringSecretUses expiring;
    private final Clock clock;

    /**
     * @param find the account a presented name designates in a snapshot, or {@code null}
     * @param expiring told of each use of a secret near its {@code not-after}
     */
    public AccountAuthenticator(CredentialsSource source, BiFunction<Credentials, String, T> find,
            SecretVerifier secrets, ExpiringSecretUses expiring, Clock clock) {
        this.source = source;
        this.find = find;
        this.secrets = secrets;
        this.expiring = expiring;
        this.clock = clock;
    }

    /** Checks against the snapshot in force. */
    public Authentication<T> authenticate(String name, String secret) {
        return authenticate(source.current(), name, secret);
    }

    /** Checks against a snapshot the caller already holds, so one request reads one snapshot. */
    public Authentication<T> authenticate(Credentials credentials, String name, String secret) {
        if (isBlank(name) || isBlank(secret)) {
            return Authentication.rejected();
        }
        T account = find.apply(credentials, name);
        if (account == null) {
            secrets.matchDecoy(secret);
            return Authentication.rejected();
        }
        Instant now = clock.instant();
        StoredSecret used = null;
        for (StoredSecret stored : account.secrets()) {
            boolean matches = secrets.matches(secret, stored.hash());
            if (matches && used == null && stored.isUsableAt(now)) {
                used = stored;
            }
        }
        if (used == null) {
            return Authentication.rejected();
        }
        if (!account.isActive()) {
            return Authentication.disabled(account);
        }
        expiring.used(account, used, now);
        return Authentication.authenticated(account);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
