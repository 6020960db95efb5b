package io.tollgate.validation;

import java.nio.charset.StandardCharsets;

/**
 * The exact token, as the key of the hot cache tier: equal only to the very same token, compared
 * whole, character by character. It is a view of the text the token came in, {@code
 * source[from..]} (a credential header's value: {@code Bearer <token>}, or the token alone), so a
 * hit copies nothing: the request path used to copy a token twice (the header's substring, then
 * its UTF-8 bytes), and those copies were what a long token cost beyond a short one on a cached
 * hit (docs/BENCHMARKS.md, issue #15). A miss encodes the text once ({@link #sourceBytes}), for
 * the token's digest and its verification both, which read the token in place too.
 *
 * <p>The hash code is taken over the token's last {@value #HASHED_TAIL} characters: a JWS ends
 * with its signature, the part that differs between any two tokens, so hashing more buys no
 * spread, and a bounded hash keeps a hit's cost flat in the token's length. It is no defence
 * against crafted collisions and needs none: equality compares the whole token, and only verified
 * tokens are ever stored, so a forgery carrying a cached token's signature finds no entry and
 * costs one comparison more before the digest tier.
 */
public final class TokenKey {

    static final int HASHED_TAIL = 32;

    private final String source;
    private final int from;
    private final int hash;

    private TokenKey(String source, int from) {
        this.source = source;
        this.from = from;
        int hash = length();
        for (int i = Math.max(from, source.length() - HASHED_TAIL); i < source.length(); i++) {
            hash = 31 * hash + source.charAt(i);
        }
        this.hash = hash;
    }

    public static TokenKey of(String token) {
        return new TokenKey(token, 0);
    }

    /** The token {@code source.substring(from)}, without copying it. */
    static TokenKey in(String source, int from) {
        return new TokenKey(source, from);
    }

    int length() {
        return source.length() - from;
    }

    /** The token as a string of its own (a copy when it is part of a longer text). */
    String token() {
        return from == 0 ? source : source.substring(from);
    }

    /**
     * The token's UTF-8 bytes, {@code bytes[from..]} of the returned array: the text before the
     * token is a credential scheme and spaces, ASCII, so its characters and bytes line up.
     */
    byte[] sourceBytes() {
        return source.getBytes(StandardCharsets.UTF_8);
    }

    int from() {
        return from;
    }

    /** The text the token is part of: {@code source()[from()..]} is the token. */
    String source() {
        return source;
    }

    /**
     * Equal tokens. Two views of equal texts at the same place (the same header sent again: the
     * common case, since a verdict is promoted to the hot tier from a request's own header) are
     * compared whole by {@link String#equals}, which the JIT vectorises; unequal texts with the
     * same text before the token hold different tokens. Any other pair (the scheme spelt another
     * way, or one token read alone and one from a header) is compared as two strings of their own,
     * as every hit was before tokens were read in place.
     */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TokenKey key) || key.hash != hash || key.length() != length()) {
            return false;
        }
        if (key.from == from) {
            if (key.source.equals(source)) {
                return true;
            }
            if (key.source.regionMatches(0, source, 0, from)) {
                return false;
            }
        }
        return key.token().equals(token());
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
