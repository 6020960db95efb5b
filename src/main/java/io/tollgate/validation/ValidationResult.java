package io.tollgate.validation;

import io.tollgate.token.AccessToken;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verdict on one token: the verified token and the key that verified it, or why it was
 * rejected. Exactly one of {@code token} and {@code reason} is set.
 *
 * @param keyId the {@code kid} of the key whose signature was checked, for a valid token: the
 *     verdict caches forget a key's tokens when the issuer drops the key; {@code null} otherwise
 */
public record ValidationResult(AccessToken token, RejectionReason reason, String keyId) {

    private static final Map<RejectionReason, ValidationResult> REJECTIONS = new EnumMap<>(RejectionReason.class);

    static {
        for (RejectionReason reason : RejectionReason.values()) {
            REJECTIONS.put(reason, new ValidationResult(null, reason, null));
        }
    }

    public static ValidationResult valid(AccessToken token, String keyId) {
        return new ValidationResult(token, null, keyId);
    }

    public static ValidationResult rejected(RejectionReason reason) {
        return REJECTIONS.get(reason);
    }

    public boolean isValid() {
        return token != null;
    }
}
