package io.tollgate.credentials;

import java.util.Locale;

/** The OAuth 2.0 grants a client can be registered for. */
public enum GrantType {
    AUTHORIZATION_CODE,
    /** The implicit grant: {@code response_type=token} at the authorize endpoint. */
    IMPLICIT,
    REFRESH_TOKEN,
    CLIENT_CREDENTIALS,
    PASSWORD;

    /** The name as OAuth spells it, such as {@code client_credentials}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grant named by a {@code grant_type} parameter, or {@code null} when there is none. */
    public static GrantType fromWireName(String name) {
        for (GrantType type : values()) {
            if (type != IMPLICIT && type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
