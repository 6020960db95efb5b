package io.tollgate.credentials;

/**
 * The outcome of checking a presented credential.
 *
 * @param outcome what the check found
 * @param principal the provisioned account when the secret matched, otherwise {@code null}
 * @param <T> the kind of account
 */
public record Authentication<T>(Outcome outcome, T principal) {

    /** What a credential check can find. */
    public enum Outcome {
        /** The secret matched and the account may obtain tokens. */
        AUTHENTICATED,
        /** Unknown account, missing field or wrong secret: one answer for all, no oracle. */
        REJECTED,
        /** The secret matched but the account's state forbids tokens. */
        DISABLED,
        /** Too many failed checks: refused whatever was presented, until the lockout ends. */
        LOCKED
    }

    private static final Authentication<?> REJECTED_RESULT = new Authentication<>(Outcome.REJECTED, null);

    static <T> Authentication<T> authenticated(T principal) {
        return new Authentication<>(Outcome.AUTHENTICATED, principal);
    }

    static <T> Authentication<T> disabled(T principal) {
        return new Authentication<>(Outcome.DISABLED, principal);
    }

    /** An account that may not sign in now, whatever was presented (locked out after failures). */
    public static <T> Authentication<T> locked() {
        return new Authentication<>(Outcome.LOCKED, null);
    }

    @SuppressWarnings("unchecked")
    static <T> Authentication<T> rejected() {
        return (Authentication<T>) REJECTED_RESULT;
    }
}
