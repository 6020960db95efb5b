package io.tollgate.validation;

/**
 * The issuer whose tokens are accepted: its {@code iss} value and its public keys, looked up by
 * {@code kid}. The embedded issuer's key ring is one; a split gateway reads the issuer's JWKS
 * instead.
 */
public interface TrustedIssuer {

    /** The exact {@code iss} claim of accepted tokens. */
    String issuer();

    /** The key with this id, or {@code null} when there is none. */
    VerificationKey find(String keyId);
}
