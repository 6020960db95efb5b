package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.support.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The secret other parts key from the signing key: the same on every replica, distinct per use. */
class KeyRingDerivedSecretTest {

    private static final String ISSUER = "https://sso.example";

    @Test
    void replicasWithOneKeyFileDeriveOneSecretPerPurpose() throws JOSEException {
        for (JWK active : List.of(TestKeys.ACTIVE, TestKeys.EC,
                new OctetSequenceKeyGenerator(256).keyID("hs").algorithm(JWSAlgorithm.HS256).generate())) {
            byte[] one = ring(active, ISSUER).derivedSecret("pages");
            assertThat(one).hasSize(32)
                    .isEqualTo(ring(active, ISSUER).derivedSecret("pages"))
                    .isNotEqualTo(ring(active, ISSUER).derivedSecret("other"))
                    .isNotEqualTo(ring(active, "https://other.example").derivedSecret("pages"));
        }
        assertThat(ring(TestKeys.ACTIVE, ISSUER).derivedSecret("pages"))
                .isNotEqualTo(ring(TestKeys.NEXT, ISSUER).derivedSecret("pages"));
    }

    private static KeyRing ring(JWK active, String issuer) {
        return new KeyRing(issuer, new JWKSet(active), null, SignatureCrypto.jdk());
    }
}
