package io.tollgate.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

/**
 * The signing algorithms the CLI makes keys for: those the server signs and verifies with ({@code
 * SignatureCrypto}). EdDSA is not among them: nimbus signs Ed25519 only with Google Tink, which
 * Tollgate does not ship.
 */
enum KeyAlgorithm {
    RS256,
    ES256;

    private static final int RSA_BITS = 2048;

    /**
     * A new private key pinned to this algorithm, marked for signatures, with its issue time; its
     * {@code kid} is {@code kid}, or the key's RFC 7638 thumbprint when {@code null}.
     */
    JWK generate(String kid, Instant now, SecureRandom random) {
        JWKGenerator<? extends JWK> generator = switch (this) {
            case RS256 -> new RSAKeyGenerator(RSA_BITS).algorithm(JWSAlgorithm.RS256);
            case ES256 -> new ECKeyGenerator(Curve.P_256).algorithm(JWSAlgorithm.ES256);
        };
        generator.keyUse(KeyUse.SIGNATURE).issueTime(Date.from(now)).secureRandom(random);
        if (kid == null) {
            generator.keyIDFromThumbprint(true);
        } else {
            generator.keyID(kid);
        }
        try {
            return generator.generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + name() + " key: " + e.getMessage(), e);
        }
    }
}
