package io.tollgate.audit;

import java.util.function.Function;

/**
 * Turns presented identifiers of one kind of account into {@link Claimant}s by looking them up
 * among the provisioned accounts.
 *
 * @param <T> the kind of account
 */
public final class Claimants<T> {

    private final String kind;
    private final Function<String, T> provisioned;
    private final Function<T, String> id;

    /**
     * @param kind the kind's name in audit lines
     * @param provisioned the account provisioned under a presented identifier, or {@code null}
     * @param id the account's id as audit lines name it
     */
    public Claimants(String kind, Function<String, T> provisioned, Function<T, String> id) {
        this.kind = kind;
        this.provisioned = provisioned;
        this.id = id;
    }

    public Claimant of(String presented) {
        return Claimant.of(kind, presented == null ? null : provisioned.apply(presented), id);
    }
}
