package io.tollgate.issuer.oauth;

import java.util.regex.Pattern;

/** RFC 7636 with the S256 method only ({@code plain} gives no protection and is refused). */
final class Pkce {

    static final String S256 = "S256";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {}

    /** A well-formed S256 challenge: the base64url SHA-256 of a verifier, 43 characters. */
    static boolean isChallenge(String challenge) {
        return CHALLENGE.matcher(challenge).matches();
    }

    /** True when {@code verifier} is well formed and its S256 transform equals {@code challenge}. */
    static boolean matches(String verifier, String challenge) {
        return VERIFIER.matcher(verifier).matches() && SecureTokens.equal(SecureTokens.digest(verifier), challenge);
    }
}
