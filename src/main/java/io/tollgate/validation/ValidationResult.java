package io.tollgate.validation;

import java.util.EnumMap;
import java.util.Map;

/**
 * The verdict on one token: the verified token, or why it was rejected. Exactly one of the two is
 * set.
 */
public record ValidationResult(AccessToken token, RejectionReason reason) {

    private static final Map<RejectionReason, ValidationResult> REJECTIONS = new EnumMap<>(RejectionReason.class);

    static {
        for (RejectionReason reason : RejectionReason.values()) {
            REJECTIONS.put(reason, new ValidationResult(null, reason));
        }
    }

    public static ValidationResult valid(AccessToken token) {
        return new ValidationResult(token, null);
    }

    public static ValidationResult rejected(RejectionReason reason) {
        return REJECTIONS.get(reason);
    }

    public boolean isValid() {
        return token != null;
    }
}
