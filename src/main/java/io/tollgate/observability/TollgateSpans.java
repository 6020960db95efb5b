package io.tollgate.observability;

/**
 * Names of Tollgate's own spans and of their attributes. Each span is a Micrometer observation named
 * {@value #OBSERVATION_PREFIX}{@code <what>} (so that one meter filter keeps them out of the
 * meters) and exported under its contextual name, {@code tollgate.<what>}. No attribute ever holds
 * a token or any part of a credential: they are labels from fixed sets, as the meters' are.
 */
public final class TollgateSpans {

    /** Prefix of every Tollgate observation name. */
    public static final String OBSERVATION_PREFIX = "tollgate.span.";

    /** The guard's decision on one request. */
    public static final String GUARD = OBSERVATION_PREFIX + "guard";

    /** One token request to the issuer, in any dialect. */
    public static final String ISSUANCE = OBSERVATION_PREFIX + "issuance";

    /** {@code bearer}, {@code gn-access-token}, {@code none}: as {@code tollgate_validations_total}'s. */
    public static final String SCHEME = "tollgate.scheme";

    /** The configured id of the token's issuer, or {@code unknown}: as {@code tollgate_validations_total}'s. */
    public static final String ISSUER = "tollgate.issuer";

    /** {@code hit} when the verdict caches held the token's verdict, {@code miss} when it was verified. */
    public static final String CACHE = "tollgate.cache";

    /** The guard's {@code accepted}, {@code rejected}, {@code denied}; the issuer's {@code issued}, {@code refused}. */
    public static final String OUTCOME = "tollgate.outcome";

    /** The guard's reason, as {@code tollgate_validations_total}'s. */
    public static final String REASON = "tollgate.reason";

    /** {@code brand}, {@code channel}, {@code oauth}. */
    public static final String DIALECT = "tollgate.dialect";

    /** The flow of an issued token, as {@code tollgate_tokens_issued_total}'s. */
    public static final String FLOW = "tollgate.flow";

    /** The code of a refused token request, as {@code tollgate_issuer_rejections_total}'s. */
    public static final String CODE = "tollgate.code";

    private TollgateSpans() {}
}
