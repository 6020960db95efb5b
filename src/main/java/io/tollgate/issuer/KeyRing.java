package io.tollgate.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.token.AccessTokenClaims;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import io.tollgate.validation.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of the issuer's signing keys: one active key signs, every key verifies, so a retired
 * key keeps validating the tokens it signed until they expire. Immutable: a reloaded key file is a
 * new ring ({@link SigningKeys}). Only public keys leave this class (the JWKS document); symmetric
 * keys are never published.
 *
 * <p>The constructor is the check a key file must pass, at start and on every reload; each refusal
 * is one sentence naming the key and the problem, never any key material.
 */
public final class KeyRing implements TrustedIssuer {

    private final String issuer;
    private final Map<String, VerificationKey> verificationKeys;
    private final Set<String> keyIds;
    private final Map<String, Object> publicJwks;
    private final JWSHeader signingHeader;
    private final JWSSigner signer;
    /** The private part of every key that has one, by kid: what {@link #derivedSecret} derives from. */
    private final Map<String, byte[]> privateParts;

    /**
     * @param activeKid the key that signs; {@code null}: the first of {@code keys}
     * @throws IllegalArgumentException naming the key and the problem when the set cannot serve
     */
    public KeyRing(String issuer, JWKSet keys, String activeKid, SignatureCrypto crypto) {
        List<JWK> all = keys.getKeys();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("The signing key set is empty");
        }
        Map<String, VerificationKey> verifying = new LinkedHashMap<>();
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (JWK jwk : all) {
            VerificationKey key = VerificationKey.of(jwk, crypto);
            requireFittingAlgorithm(jwk, key.algorithm());
            if (verifying.put(key.keyId(), key) != null) {
                throw new IllegalArgumentException("The kid " + key.keyId() + " names two keys of the signing key set");
            }
            byte[] part = privatePart(jwk);
            if (part != null) {
                parts.put(key.keyId(), part);
            }
        }
        JWK active = activeKid == null ? all.get(0) : keys.getKeyByKeyId(activeKid);
        if (active == null) {
            throw new IllegalArgumentException("No key with kid " + activeKid + " in the signing key set"
                    + " (tollgate.issuer.keys.active-kid)");
        }
        if (!parts.containsKey(active.getKeyID())) {
            throw new IllegalArgumentException("The active key " + active.getKeyID() + " has no private part");
        }
        this.issuer = issuer;
        this.verificationKeys = Map.copyOf(verifying);
        this.keyIds = Collections.unmodifiableSet(new LinkedHashSet<>(verifying.keySet()));
        this.publicJwks = keys.toPublicJWKSet().toJSONObject();
        JWSAlgorithm algorithm = verifying.get(active.getKeyID()).algorithm();
        this.signingHeader = encodedOnce(new JWSHeader.Builder(algorithm)
                .type(AccessTokenClaims.TYPE)
                .keyID(active.getKeyID())
                .build());
        try {
            this.signer = crypto.signer(active, algorithm);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot sign with key " + active.getKeyID() + ": " + e.getMessage(), e);
        }
        this.privateParts = Map.copyOf(parts);
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public VerificationKey find(String keyId) {
        return verificationKeys.get(keyId);
    }

    /** The {@code kid} of every key (the keys that verify), in the file's order. */
    public Set<String> keyIds() {
        return keyIds;
    }

    /** The {@code kid} of the key that signs. */
    public String activeKeyId() {
        return signingHeader.getKeyID();
    }

    /** The JOSE header of every token the active key signs. */
    JWSHeader signingHeader() {
        return signingHeader;
    }

    JWSSigner signer() {
        return signer;
    }

    /** {@link #derivedSecret(String, String)} of the active key. */
    public byte[] derivedSecret(String purpose) {
        return derivedSecret(activeKeyId(), purpose);
    }

    /**
     * A 256-bit secret for {@code purpose}, derived from the private part of the key {@code keyId}
     * with HKDF: every replica reading the same key file derives the same secret, without a setting
     * of its own, and nothing keyed with it can pass for a token this ring signs (a different key
     * and algorithm).
     *
     * @return the secret, or {@code null} when the ring has no private key {@code keyId}
     */
    public byte[] derivedSecret(String keyId, String purpose) {
        byte[] part = privateParts.get(keyId);
        if (part == null) {
            return null;
        }
        return Hkdf.derive(("tollgate " + issuer).getBytes(StandardCharsets.UTF_8), part, purpose);
    }

    /** The JWKS document: every public key, for {@code /.well-known/jwks.json}. */
    public Map<String, Object> publicJwks() {
        return publicJwks;
    }

    /**
     * {@code header} read back from its own encoding, so that it carries that encoding: nimbus
     * encodes a built header (JSON, then Base64url) each time a token's signing input is composed,
     * a parsed one hands out the encoding it was parsed from. The bytes are the same.
     */
    private static JWSHeader encodedOnce(JWSHeader header) {
        try {
            return JWSHeader.parse(header.toBase64URL());
        } catch (ParseException e) {
            throw new IllegalStateException("nimbus cannot read the header it wrote", e);
        }
    }

    /**
     * Refuses an {@code alg} that is not a signature algorithm of the key's type: such a key would
     * load and then verify nothing (an RSA key naming {@code ES256}), or sign with a surprise.
     */
    private static void requireFittingAlgorithm(JWK jwk, JWSAlgorithm algorithm) {
        KeyType type = jwk.getKeyType();
        JWSAlgorithm.Family family = KeyType.RSA.equals(type) ? JWSAlgorithm.Family.RSA
                : KeyType.EC.equals(type) ? JWSAlgorithm.Family.EC
                : KeyType.OKP.equals(type) ? JWSAlgorithm.Family.ED
                : JWSAlgorithm.Family.HMAC_SHA;
        if (!family.contains(algorithm)) {
            throw new IllegalArgumentException("The key " + jwk.getKeyID() + " names alg " + algorithm
                    + ", which is not a signature algorithm of " + type + " keys");
        }
    }

    private static byte[] privatePart(JWK key) {
        if (key instanceof RSAKey rsa && rsa.getPrivateExponent() != null) {
            return rsa.getPrivateExponent().decode();
        }
        if (key instanceof ECKey ec && ec.getD() != null) {
            return ec.getD().decode();
        }
        if (key instanceof OctetKeyPair okp && okp.getD() != null) {
            return okp.getD().decode();
        }
        if (key instanceof OctetSequenceKey oct) {
            return oct.toByteArray();
        }
        return null;
    }
}
