package io.tollgate.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.observability.MeterNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells the operator which partners still use a secret about to expire: each successful use of a
 * secret within {@code tollgate.credentials.expiry-warning} of its {@code not-after} counts in
 * {@code tollgate_credential_expiring_uses_total{kind}}, and is audited as {@code
 * credentials.secret.expiring} with the account and the secret's {@code not-after}.
 *
 * <p>(choice) The audit line is written once per account and secret per {@link #AUDIT_EVERY} (by
 * the application clock): a partner calling a hundred times a second would otherwise flood the
 * log with one line each. The counter counts every use. At most {@link #REMEMBERED} pairs are
 * remembered; beyond that an old pair may be audited again sooner.
 */
public final class ExpiringSecretUses {

    static final Duration AUDIT_EVERY = Duration.ofHours(1);
    static final int REMEMBERED = 10_000;

    private final Duration warning;
    private final AuditLog audit;
    private final Map<AccountKind, Counter> uses = new EnumMap<>(AccountKind.class);
    private final Cache<Audited, Boolean> audited;

    public ExpiringSecretUses(Duration warning, AuditLog audit, MeterRegistry registry, Clock clock) {
        this.warning = warning;
        this.audit = audit;
        for (AccountKind kind : AccountKind.values()) {
            uses.put(kind, Counter.builder(MeterNames.CREDENTIAL_EXPIRING_USES)
                    .description("Successful uses of a secret within tollgate.credentials.expiry-warning of its "
                            + "not-after")
                    .tag("kind", kind.label())
                    .register(registry));
        }
        this.audited = Caffeine.newBuilder()
                .expireAfterWrite(AUDIT_EVERY)
                .maximumSize(REMEMBERED)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Counts and audits {@code secret}'s use at {@code now} if its {@code not-after} is near. */
    void used(Account account, StoredSecret secret, Instant now) {
        Instant notAfter = secret.notAfter();
        if (notAfter == null || notAfter.isAfter(now.plus(warning))) {
            return;
        }
        uses.get(account.kind()).increment();
        Audited key = new Audited(account.kind(), account.id(), secret.hash());
        if (audited.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
            audit.record(AuditEvent.of("credentials.secret.expiring")
                    .with("kind", account.kind().label())
                    .with("account", account.id())
                    .with("not-after", notAfter));
        }
    }

    /** Which account's which secret was audited; the hash stays in memory, never in a line. */
    private record Audited(AccountKind kind, String account, String hash) {}
}
