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
import io.tollgate.validation.TokenVerifier;
import io.tollgate.validation.TrustedIssuer;
import io.tollgate.validation.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The issuer's signing keys: one active key signs, every key verifies, so a retired key keeps
 * validating the tokens it signed until they expire. Only public keys leave this class (the JWKS
 * document); symmetric keys are never published.
 */
public final class KeyRing implements TrustedIssuer {

    private final String issuer;
    private final Map<String, VerificationKey> verificationKeys;
    private final Map<String, Object> publicJwks;
    private final JWSHeader signingHeader;
    private final JWSSigner signer;
    private final byte[] privatePart;

    public KeyRing(String issuer, JWKSet keys, String activeKid, SignatureCrypto crypto) {
        List<JWK> all = keys.getKeys();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("The signing key set is empty");
        }
        JWK active = activeKid == null ? all.get(0) : keys.getKeyByKeyId(activeKid);
        if (active == null) {
            throw new IllegalArgumentException("No key with kid " + activeKid + " in the signing key set");
        }
        if (!active.isPrivate() && active.getKeyType() != KeyType.OCT) {
            throw new IllegalArgumentException("The active key " + active.getKeyID() + " has no private part");
        }
        this.issuer = issuer;
        this.verificationKeys = all.stream()
                .map(jwk -> VerificationKey.of(jwk, crypto))
                .collect(Collectors.toUnmodifiableMap(VerificationKey::keyId, Function.identity()));
        this.publicJwks = keys.toPublicJWKSet().toJSONObject();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(active.getAlgorithm().getName());
        this.signingHeader = new JWSHeader.Builder(algorithm)
                .type(TokenVerifier.ACCESS_TOKEN_TYPE)
                .keyID(active.getKeyID())
                .build();
        try {
            this.signer = crypto.signer(active, algorithm);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot sign with key " + active.getKeyID() + ": " + e.getMessage(), e);
        }
        this.privatePart = privatePart(active);
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public VerificationKey find(String keyId) {
        return verificationKeys.get(keyId);
    }

    /** The JOSE header of every token the active key signs. */
    JWSHeader signingHeader() {
        return signingHeader;
    }

    JWSSigner signer() {
        return signer;
    }

    /**
     * A 256-bit secret for {@code purpose}, derived from the active key's private part with HKDF:
     * every replica reading the same key file derives the same secret, without a setting of its own,
     * and nothing keyed with it can pass for a token this ring signs (a different key and algorithm).
     */
    public byte[] derivedSecret(String purpose) {
        return Hkdf.derive(("tollgate " + issuer).getBytes(StandardCharsets.UTF_8), privatePart, purpose);
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
        throw new IllegalArgumentException("The active key " + key.getKeyID() + " has no private part to derive from");
    }

    /** The JWKS document: every public key, for {@code /.well-known/jwks.json}. */
    public Map<String, Object> publicJwks() {
        return publicJwks;
    }
}
