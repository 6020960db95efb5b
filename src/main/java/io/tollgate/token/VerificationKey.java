package io.tollgate.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import io.tollgate.crypto.SignatureCrypto;
import java.security.Key;
import java.util.List;

/**
 * A key that verifies tokens, with the one algorithm it accepts. Pinning the algorithm to the key
 * is what stops algorithm confusion: a token naming {@code HS256} over an RSA key's {@code kid}
 * finds no key.
 *
 * @param keyId the {@code kid}
 * @param algorithm the only algorithm this key verifies
 * @param keys the JCA key, as the single-element list a nimbus key selector returns
 */
public record VerificationKey(String keyId, JWSAlgorithm algorithm, List<Key> keys) {

    public VerificationKey {
        keys = List.copyOf(keys);
    }

    /**
     * The verification key of a JWK that names its {@code kid} and {@code alg}: the public half of
     * an asymmetric key as {@code crypto}'s own key object, or the secret of an {@code oct} key.
     */
    public static VerificationKey of(JWK jwk, SignatureCrypto crypto) {
        if (jwk.getKeyID() == null || jwk.getAlgorithm() == null) {
            throw new IllegalArgumentException("A signing key needs both kid and alg");
        }
        try {
            Key key = jwk instanceof OctetSequenceKey secret
                    ? secret.toSecretKey()
                    : crypto.verificationKey(((AsymmetricJWK) jwk).toPublicKey());
            return new VerificationKey(jwk.getKeyID(), JWSAlgorithm.parse(jwk.getAlgorithm().getName()), List.of(key));
        } catch (JOSEException | ClassCastException e) {
            throw new IllegalArgumentException("Unusable key " + jwk.getKeyID() + ": " + e.getMessage(), e);
        }
    }
}
