package io.tollgate.credentials;

/**
 * RFC 6749 §2.1: a confidential client authenticates with a secret; a public one cannot keep a
 * secret, so it uses PKCE. Stated in the file ({@code type}) or inferred at load from whether a
 * secret is present; decided once, so a client whose every secret expired is refused, it never
 * turns public.
 */
public enum ClientType {
    CONFIDENTIAL,
    PUBLIC
}
