package io.tollgate.cli;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.Date;

/**
 * The JWK {@code exp} member (RFC 7517 §4 allows further members; nimbus reads and writes this
 * one) on a key that no longer signs: no token it signed is valid after it, so {@code keys retire}
 * may remove the key from then on.
 */
final class KeyExpiry {

    private KeyExpiry() {}

    /** A copy of {@code key} with {@code exp} set, or removed when {@code expiry} is {@code null}. */
    static JWK with(JWK key, Instant expiry) {
        Date date = expiry == null ? null : Date.from(expiry);
        if (key instanceof RSAKey rsa) {
            return new RSAKey.Builder(rsa).expirationTime(date).build();
        }
        if (key instanceof ECKey ec) {
            return new ECKey.Builder(ec).expirationTime(date).build();
        }
        if (key instanceof OctetKeyPair okp) {
            return new OctetKeyPair.Builder(okp).expirationTime(date).build();
        }
        if (key instanceof OctetSequenceKey oct) {
            return new OctetSequenceKey.Builder(oct).expirationTime(date).build();
        }
        throw new Refusal("key " + key.getKeyID() + " is of a type the CLI cannot mark: " + key.getKeyType());
    }

    /** The key's {@code exp}, or {@code null}. */
    static Instant of(JWK key) {
        return key.getExpirationTime() == null ? null : key.getExpirationTime().toInstant();
    }
}
