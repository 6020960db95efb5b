package io.tollgate.credentials;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks an account name and secret against provisioned accounts of one kind (brands by API key,
 * channel users by username).
 *
 * <p>The secret is checked before the account state, so a wrong secret on a suspended account
 * answers like any other wrong secret: only the owner of an account learns its state. An unknown
 * name spends the time of a real comparison, so response time does not tell which names exist.
 *
 * @param <T> the kind of account
 */
public final class AccountAuthenticator<T> {

    private final Map<String, T> accountsByName;
    private final Function<T, String> storedSecret;
    private final Predicate<T> enabled;
    private final SecretVerifier secrets;

    public AccountAuthenticator(
            List<T> accounts,
            Function<T, String> name,
            Function<T, String> storedSecret,
            Predicate<T> enabled,
            SecretVerifier secrets) {
        this.accountsByName = accounts.stream().collect(Collectors.toUnmodifiableMap(name, Function.identity()));
        this.storedSecret = storedSecret;
        this.enabled = enabled;
        this.secrets = secrets;
    }

    public Authentication<T> authenticate(String name, String secret) {
        if (isBlank(name) || isBlank(secret)) {
            return Authentication.rejected();
        }
        T account = accountsByName.get(name);
        if (account == null) {
            secrets.matchDecoy(secret);
            return Authentication.rejected();
        }
        if (!secrets.matches(secret, storedSecret.apply(account))) {
            return Authentication.rejected();
        }
        return enabled.test(account) ? Authentication.authenticated(account) : Authentication.disabled(account);
    }

    /** The account provisioned under {@code name}, or {@code null}: who a refusal's audit line may name. */
    public T provisioned(String name) {
        return name == null ? null : accountsByName.get(name);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
