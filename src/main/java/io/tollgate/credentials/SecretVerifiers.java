package io.tollgate.credentials;

/**
 * The two secret verifiers, made once: one for machine secrets (SHA-256), one for people's
 * passwords (bcrypt). Each computes a decoy hash when made, bcrypt's costing tens of milliseconds.
 */
public record SecretVerifiers(SecretVerifier machine, SecretVerifier people) {

    public static SecretVerifiers create() {
        return new SecretVerifiers(SecretVerifier.sha256(), SecretVerifier.bcrypt());
    }
}
