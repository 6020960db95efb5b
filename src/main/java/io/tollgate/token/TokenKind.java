package io.tollgate.token;

import java.util.Locale;

/** Who a token speaks for; carried in the token's {@code kind} claim and matched by route policies. */
public enum TokenKind {
    /** A brand, through the API-key exchange. */
    BRAND("brand"),
    /** A channel partner account, through the username/password exchange. */
    CHANNEL("channel"),
    /** A person, through an OAuth 2.0 flow on behalf of a client. */
    OAUTH_USER("oauth-user"),
    /** An OAuth 2.0 client acting for itself (client credentials). */
    OAUTH_APP("oauth-app");

    private final String claimValue;

    TokenKind(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    /** Whether tokens of this kind are issued through the OAuth dialect, to a client. */
    public boolean isOAuth() {
        return this == OAUTH_USER || this == OAUTH_APP;
    }

    /** The kind named by a claim or configuration value such as {@code oauth-user}. */
    public static TokenKind fromClaimValue(String value) {
        String claimValue = value.toLowerCase(Locale.ROOT);
        for (TokenKind kind : values()) {
            if (kind.claimValue.equals(claimValue)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown token kind: " + value);
    }
}
