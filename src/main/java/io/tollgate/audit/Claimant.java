package io.tollgate.audit;

import java.util.function.Function;

/**
 * Whom a refused or locked-out request named, as an audit line may show it: the provisioned account
 * the presented identifier names, and nothing of what was presented otherwise. People type
 * passwords into username fields and partners paste secrets where their key goes, so a presented
 * name that names no account is never written; the line says only that it named none.
 *
 * @param kind the kind of account asked for ({@code brand}, {@code channel-user}, {@code client},
 *     {@code user}); {@code null} when the request could not be read far enough to tell
 * @param account the provisioned account's id; {@code null} when the presented name names none
 */
public record Claimant(String kind, String account) {

    /** A request that named nobody, or could not be read. */
    public static final Claimant NONE = new Claimant(null, null);

    /** The claimant a presented identifier makes: the account found under it, or none of its text. */
    public static <T> Claimant of(String kind, T found, Function<T, String> id) {
        return new Claimant(kind, found == null ? null : id.apply(found));
    }

    /** {@code event} with this claimant's fields: {@code kind} and {@code account}, or {@code provisioned=false}. */
    public AuditEvent addTo(AuditEvent event) {
        if (kind == null) {
            return event;
        }
        AuditEvent withKind = event.with("kind", kind);
        return account == null ? withKind.with("provisioned", false) : withKind.with("account", account);
    }
}
