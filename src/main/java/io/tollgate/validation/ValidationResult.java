package io.tollgate.validation;

import io.tollgate.token.AccessToken;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verdict on one token: the verified token and the key that verified it, or why it was
 * rejected. Exactly one of {@code token} and {@code reason} is set.
 *
 * @param keyId the {@code kid} of the key whose signature was checked, for a valid token: the
 *     verdict caches forget a key's tokens when the issuer drops the key; {@code null} otherwise
 * @param issuer the configured id of the issuer the token named ({@link AccessToken#issuer()} for
 *     a valid one), or {@link #UNKNOWN_ISSUER} when it named none that is trusted or could not be
 *     read that far: a bounded label
 */
public record ValidationResult(AccessToken token, RejectionReason reason, String keyId, String issuer) {

    /** The issuer label of a token whose issuer is not known. */
    public static final String UNKNOWN_ISSUER = "unknown";

    /** One instance per issuer and reason: issuer ids are few and configured. */
    private static final Map<String, Map<RejectionReason, ValidationResult>> REJECTIONS = new ConcurrentHashMap<>();

    public static ValidationResult valid(AccessToken token, String keyId) {
        return new ValidationResult(token, null, keyId, token.issuer());
    }

    /** A rejection of a token whose issuer is not known ({@link #UNKNOWN_ISSUER}). */
    public static ValidationResult rejected(RejectionReason reason) {
        return rejected(reason, UNKNOWN_ISSUER);
    }

    /** A rejection of a token of the issuer {@code issuer}, a configured id. */
    public static ValidationResult rejected(RejectionReason reason, String issuer) {
        return REJECTIONS.computeIfAbsent(issuer, ValidationResult::rejections).get(reason);
    }

    private static Map<RejectionReason, ValidationResult> rejections(String issuer) {
        Map<RejectionReason, ValidationResult> rejections = new EnumMap<>(RejectionReason.class);
        for (RejectionReason reason : RejectionReason.values()) {
            rejections.put(reason, new ValidationResult(null, reason, null, issuer));
        }
        return rejections;
    }

    public boolean isValid() {
        return token != null;
    }
}
