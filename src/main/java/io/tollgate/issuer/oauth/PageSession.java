package io.tollgate.issuer.oauth;

/**
 * The browser's side of the authorization pages, carried in a signed cookie rather than kept on
 * the server: an id that the forms are bound to (their CSRF protection), and the person once
 * signed in. Signing in starts a new one with a new id, so a session planted before cannot be
 * carried past the sign-in.
 *
 * @param id 256 random bits, base64url
 * @param user the signed-in username; {@code null} before the sign-in
 */
record PageSession(String id, String user) {

    static PageSession anonymous() {
        return new PageSession(SecureTokens.random(), null);
    }

    static PageSession signedIn(String user) {
        return new PageSession(SecureTokens.random(), user);
    }

    boolean isSignedIn() {
        return user != null;
    }
}
