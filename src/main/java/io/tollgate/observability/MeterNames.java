package io.tollgate.observability;

/**
 * Names of Tollgate's own meters, as Micrometer spells them; the Prometheus registry turns dots
 * into underscores and adds {@code _total} to counters and {@code _seconds} to timers.
 */
public final class MeterNames {

    /** {@code tollgate_validations_total{scheme,outcome,reason}}: every guard decision. */
    public static final String VALIDATIONS = "tollgate.validations";

    /** {@code tollgate_validation_seconds{source}}: time to a verdict, from cache or verified. */
    public static final String VALIDATION_TIME = "tollgate.validation";

    /** {@code tollgate_tokens_issued_total{dialect,flow}}. */
    public static final String TOKENS_ISSUED = "tollgate.tokens.issued";

    /** {@code tollgate_issuer_rejections_total{dialect,code}}. */
    public static final String ISSUER_REJECTIONS = "tollgate.issuer.rejections";

    /** {@code tollgate_revocations_total}: revocations stored by this instance. */
    public static final String REVOCATIONS = "tollgate.revocations";

    /** {@code tollgate_store_errors_total{operation}}: state store calls that failed or timed out. */
    public static final String STORE_ERRORS = "tollgate.store.errors";

    /**
     * {@code tollgate_store_fail_open_total}: unseen tokens admitted on signature and expiry alone
     * while the store was down ({@code tollgate.store.on-failure=fail-open}).
     */
    public static final String STORE_FAIL_OPEN = "tollgate.store.fail.open";

    /** {@code tollgate_rate_limit_rejections_total{limit}}: requests refused over a rate limit. */
    public static final String RATE_LIMIT_REJECTIONS = "tollgate.rate.limit.rejections";

    /** {@code tollgate_lockout_rejections_total{dialect}}: credential checks refused while locked out. */
    public static final String LOCKOUT_REJECTIONS = "tollgate.lockout.rejections";

    /**
     * {@code tollgate_jwks_refresh_total{outcome}}: reads of the issuer's JWK set by a split gateway,
     * {@code outcome} {@code success} or {@code failure}.
     */
    public static final String JWKS_REFRESH = "tollgate.jwks.refresh";

    /**
     * {@code tollgate_config_reloads_total{file,outcome}}: reloads of a changed file ({@code file}
     * {@code credentials} or {@code keys}), {@code outcome} {@code applied} or {@code rejected}.
     */
    public static final String CONFIG_RELOADS = "tollgate.config.reloads";

    /**
     * {@code tollgate_config_info{file,checksum}} = 1: the version of each reloadable file in force,
     * {@code checksum} the first 12 hex digits of its SHA-256.
     */
    public static final String CONFIG_INFO = "tollgate.config.info";

    /**
     * {@code tollgate_credential_expiring_uses_total{kind}}: successful uses of a secret within
     * {@code tollgate.credentials.expiry-warning} of its {@code not-after}, {@code kind} {@code
     * brand}, {@code channel-user}, {@code client} or {@code user}.
     */
    public static final String CREDENTIAL_EXPIRING_USES = "tollgate.credential.expiring.uses";

    /** Cache name tag of the hot tier (accepted tokens by exact bytes) in Micrometer's Caffeine meters. */
    public static final String HOT_CACHE = "tollgate.validation.hot";

    /** Cache name tag of the accepted-token cache (by digest) in Micrometer's Caffeine meters. */
    public static final String ACCEPTED_CACHE = "tollgate.validation.accepted";

    /** Cache name tag of the rejected-token cache in Micrometer's Caffeine meters. */
    public static final String REJECTED_CACHE = "tollgate.validation.rejected";

    private MeterNames() {}
}
