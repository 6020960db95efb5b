package io.tollgate.admin;

import io.tollgate.credentials.Account;
import io.tollgate.credentials.AccountKind;
import io.tollgate.credentials.Credentials;
import io.tollgate.credentials.CredentialsChange;
import io.tollgate.credentials.CredentialsSource;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.revocation.RevocationOrigin;
import io.tollgate.revocation.SubjectRevocations;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.token.TokenKind;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * The credentials file as a revocation trigger: an account suspended in it (a channel user also
 * by {@code expired}) or removed from it has its live tokens cut off as {@code POST
 * /actuator/revocations} would ({@link SubjectRevocations}), so a suspension bites at once instead
 * of when the tokens expire. A brand is {@code Subject(brand, id)}, a channel user {@code
 * Subject(channel, username)}, a person {@code Subject(oauth-user, username)}, a client {@code
 * Client(client_id)} and {@code Subject(oauth-app, client_id)}. Re-activating an account writes
 * nothing: a cut-off only refuses tokens issued before it, so the account's new tokens pass.
 *
 * <p>(choice) At start, every account the file holds as not active is cut off as well, so a
 * suspension made while no pod ran, or in the same rollout as a restart, still ends the tokens
 * issued before it; a suspended account can get no token, so this refuses nothing it still has a
 * right to. An account removed while no pod ran leaves no trace to act on: suspend before removing.
 *
 * <p>The cut-offs are written off the reload's thread, one after the other. A write the store did
 * not acknowledge (Redis down, or fewer replicas than {@code wait-replicas} confirmed it, so a
 * failover could lose it) is retried with backoff until it is acknowledged ({@link #RETRY}), with
 * the instant of the change, so a retry that lands after a re-activation refuses none of the new
 * tokens; one WARN line names the account at the first failure (the reload itself is applied
 * either way: the account gets no new token). (choice) Retried for as long as the application
 * runs, not for a bounded time: a cut-off given up on is one a failover can undo without a trace
 * but that WARN line; the attempts, at most one per 30 s per account, count in {@code
 * tollgate_store_errors_total}. Closing the application ends them.
 */
public final class CredentialsCutOffs implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    static final RevocationOrigin RELOAD = new RevocationOrigin("credentials reload", RevocationOrigin.NO_ADDRESS);
    static final RevocationOrigin START = new RevocationOrigin("credentials at start", RevocationOrigin.NO_ADDRESS);

    /** Attempts one to thirty seconds apart, as long as the store is unavailable or short of replicas. */
    static final RetryBackoffSpec RETRY = Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
            .filter(StoreUnavailableException.class::isInstance);

    private static final Logger log = LoggerFactory.getLogger(CredentialsCutOffs.class);

    private final CredentialsSource source;
    private final SubjectRevocations revocations;
    private final RetryBackoffSpec retry;
    private final Disposable.Composite writes = Disposables.composite();

    CredentialsCutOffs(CredentialsSource source, SubjectRevocations revocations, RetryBackoffSpec retry) {
        this.source = source;
        this.revocations = revocations;
        this.retry = retry;
        source.onChange(this::cutOff);
    }

    /** Once the application is ready: cuts off the accounts the file in force holds as not active. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Credentials credentials = source.current();
        for (AccountKind kind : AccountKind.values()) {
            for (Account account : credentials.accounts(kind)) {
                if (!account.isActive()) {
                    cutOff(kind, account.id(), START);
                }
            }
        }
    }

    private void cutOff(CredentialsChange change) {
        change.cutOffs().forEach(cut -> cutOff(cut.kind(), cut.account(), RELOAD));
    }

    private void cutOff(AccountKind kind, String account, RevocationOrigin origin) {
        writes.add(Flux.fromIterable(targets(kind, account))
                .concatMap(target -> revocations.cutOff(target, origin)
                        .retryWhen(retry.doBeforeRetry(failure -> {
                            if (failure.totalRetries() == 0) {
                                log.warn("{} of {} {} not acknowledged yet, retried until it is: {}", origin.via(),
                                        kind.label(), account, failure.failure().getMessage());
                            }
                        })))
                .subscribe(cutOff -> { }, error -> log.warn("{} of {} {} not cut off: {}", origin.via(), kind.label(),
                        account, error.getMessage())));
    }

    /** Ends the writes still retried: the application is closing. */
    @Override
    public void close() {
        writes.dispose();
    }

    /** What a suspension or removal of an account cuts off. */
    static List<CutOffTarget> targets(AccountKind kind, String account) {
        String issuer = CutOffTarget.DEFAULT_ISSUER;
        return switch (kind) {
            case BRAND -> List.of(new CutOffTarget.Subject(issuer, TokenKind.BRAND, account));
            case CHANNEL_USER -> List.of(new CutOffTarget.Subject(issuer, TokenKind.CHANNEL, account));
            case USER -> List.of(new CutOffTarget.Subject(issuer, TokenKind.OAUTH_USER, account));
            case CLIENT -> List.of(new CutOffTarget.Client(issuer, account),
                    new CutOffTarget.Subject(issuer, TokenKind.OAUTH_APP, account));
        };
    }
}
