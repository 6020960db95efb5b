package io.tollgate.store;

import java.util.Objects;

/**
 * Where a refresh token is stored: by its digest (never in clear), beside the id of its family,
 * which the token carries. A store that shards by key finds the token beside its family with no
 * lookup first: in Redis the two keys share the family id as their hash tag, so the scripts that
 * use a token and read its family's state touch one hash slot (docs/STATE.md).
 *
 * @param familyId the grant family the token belongs to, as the token carries it
 * @param digest the digest of the whole token
 */
public record RefreshTokenKey(String familyId, String digest) {

    public RefreshTokenKey {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(digest, "digest");
        if (!isIdentifier(familyId)) {
            throw new IllegalArgumentException("A family id is base64url");
        }
    }

    /**
     * True for a non-empty string of the base64url alphabet: what a family id is, so that it can
     * stand inside a Redis hash tag (no braces) and be told apart from the rest of a token.
     */
    public static boolean isIdentifier(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
