package io.tollgate.credentials;

import io.tollgate.audit.AuditEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload of the credentials file changed, account by account: identifiers and counts only,
 * never a secret or a hash. Accounts are matched by kind and {@link Account#id()}; secrets by their
 * stored hash, so a new {@code not-after} on a kept secret is no change.
 *
 * @param changes in file order of the new snapshot (removals in that of the old one), kind by kind
 */
public record CredentialsChange(List<AccountChange> changes) {

    public CredentialsChange {
        changes = List.copyOf(changes);
    }

    /** What happened to one account. */
    public enum Type {
        /** In the new file only. */
        ADDED("credentials.account.added"),
        /** In the old file only. */
        REMOVED("credentials.account.removed"),
        /** Active before, not now (suspended; for a channel user also expired). */
        SUSPENDED("credentials.account.suspended"),
        /** Not active before, active now. */
        ACTIVATED("credentials.account.activated"),
        /** Kept, with secrets it did not have before. */
        SECRETS_ADDED("credentials.secret.added"),
        /** Kept, without secrets it had before. */
        SECRETS_REMOVED("credentials.secret.removed");

        private final String action;

        Type(String action) {
            this.action = action;
        }

        /** The audit event's name. */
        public String action() {
            return action;
        }
    }

    /**
     * @param kind the kind of account
     * @param account its id (brand id, username, client id)
     * @param type what happened
     * @param secrets for {@code SECRETS_ADDED} and {@code SECRETS_REMOVED}, how many; otherwise 0
     */
    public record AccountChange(AccountKind kind, String account, Type type, int secrets) {

        /** True for a change after which the account's live tokens should stop working. */
        public boolean cutsOff() {
            return type == Type.REMOVED || type == Type.SUSPENDED;
        }

        AuditEvent auditEvent() {
            AuditEvent event = AuditEvent.of(type.action()).with("kind", kind.label()).with("account", account);
            return type == Type.SECRETS_ADDED || type == Type.SECRETS_REMOVED ? event.with("count", secrets) : event;
        }
    }

    /** The changes from {@code previous} to {@code next}. */
    public static CredentialsChange between(Credentials previous, Credentials next) {
        List<AccountChange> changes = new ArrayList<>();
        for (AccountKind kind : AccountKind.values()) {
            Map<String, Account> before = byId(previous.accounts(kind));
            Map<String, Account> after = byId(next.accounts(kind));
            after.forEach((id, account) -> {
                Account old = before.get(id);
                if (old == null) {
                    changes.add(new AccountChange(kind, id, Type.ADDED, 0));
                    return;
                }
                if (old.isActive() && !account.isActive()) {
                    changes.add(new AccountChange(kind, id, Type.SUSPENDED, 0));
                } else if (!old.isActive() && account.isActive()) {
                    changes.add(new AccountChange(kind, id, Type.ACTIVATED, 0));
                }
                Set<String> oldHashes = hashes(old);
                Set<String> newHashes = hashes(account);
                int added = (int) newHashes.stream().filter(hash -> !oldHashes.contains(hash)).count();
                int removed = (int) oldHashes.stream().filter(hash -> !newHashes.contains(hash)).count();
                if (added > 0) {
                    changes.add(new AccountChange(kind, id, Type.SECRETS_ADDED, added));
                }
                if (removed > 0) {
                    changes.add(new AccountChange(kind, id, Type.SECRETS_REMOVED, removed));
                }
            });
            before.keySet().stream().filter(id -> !after.containsKey(id))
                    .forEach(id -> changes.add(new AccountChange(kind, id, Type.REMOVED, 0)));
        }
        return new CredentialsChange(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The removals and suspensions: the accounts whose live tokens should stop working now. */
    public List<AccountChange> cutOffs() {
        return changes.stream().filter(AccountChange::cutsOff).toList();
    }

    /** One audit event per change. */
    public List<AuditEvent> auditEvents() {
        return changes.stream().map(AccountChange::auditEvent).toList();
    }

    private static Map<String, Account> byId(List<? extends Account> accounts) {
        return accounts.stream().collect(Collectors.toMap(Account::id, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static Set<String> hashes(Account account) {
        Set<String> hashes = new HashSet<>();
        account.secrets().forEach(secret -> hashes.add(secret.hash()));
        return hashes;
    }
}
