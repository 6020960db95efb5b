package io.tollgate.issuer.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import io.tollgate.issuer.KeyRing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HS256 keys of the pages' tokens, one per private signing key, named by that key's {@code
 * kid}: the active key's signs, every one verifies the page tokens signed with it. So a rotation
 * of the signing key logs no one out mid-sign-in: a cookie or form signed before it stays good
 * while its key stays in the file (and within its own lifetime, fifteen minutes by default).
 *
 * @param signingKeyId the {@code kid} new page tokens carry
 * @param signer signs new page tokens
 * @param verifiers by {@code kid}
 */
record PageKeys(String signingKeyId, MACSigner signer, Map<String, MACVerifier> verifiers) {

    PageKeys {
        verifiers = Map.copyOf(verifiers);
    }

    /** The pages' keys derived for {@code purpose} from every private key of {@code ring}. */
    static PageKeys of(KeyRing ring, String purpose) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (String keyId : ring.keyIds()) {
            byte[] secret = ring.derivedSecret(keyId, purpose);
            if (secret != null) {
                secrets.put(keyId, secret);
            }
        }
        return of(ring.activeKeyId(), secrets);
    }

    /** Keys from 256-bit {@code secrets} by {@code kid}; {@code signingKeyId} must be one of them. */
    static PageKeys of(String signingKeyId, Map<String, byte[]> secrets) {
        try {
            Map<String, MACVerifier> verifiers = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
                verifiers.put(secret.getKey(), new MACVerifier(secret.getValue()));
            }
            return new PageKeys(signingKeyId, new MACSigner(secrets.get(signingKeyId)), verifiers);
        } catch (KeyLengthException e) {
            throw new IllegalArgumentException("The pages' secret is shorter than 256 bits", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot verify HS256", e);
        }
    }

    /**
     * The verifier of page tokens naming {@code keyId}; {@code null} for a key no longer in the
     * file. A token without a {@code kid} (signed before page tokens named their key, by a replica
     * not yet upgraded) is checked with the signing key's.
     */
    MACVerifier verifier(String keyId) {
        return verifiers.get(keyId == null ? signingKeyId : keyId);
    }
}
