package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.support.TestKeys;
import io.tollgate.token.VerificationKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which keys of a published JWK set a split gateway trusts. */
class JwksClientTest {

    @Test
    void onlyPublicSigningKeysNamingKidAndAlgAreTrusted() throws JOSEException {
        RSAKey noAlg = new RSAKey.Builder(TestKeys.ATTACKER.toRSAPublicKey()).keyID("no-alg").build();
        RSAKey noKid = new RSAKey.Builder(TestKeys.ATTACKER.toRSAPublicKey()).algorithm(JWSAlgorithm.RS256).build();
        RSAKey encryption = new RSAKey.Builder(TestKeys.ATTACKER.toRSAPublicKey())
                .keyID("enc").algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.ENCRYPTION).build();
        RSAKey privateKey = new RSAKey.Builder(TestKeys.ATTACKER).keyID("private").build();
        OctetSequenceKey secret = new OctetSequenceKey.Builder(new byte[32]).keyID("secret")
                .algorithm(JWSAlgorithm.HS256).build();
        List<JWK> published = List.of(TestKeys.ACTIVE.toPublicJWK(), TestKeys.EC.toPublicJWK(), noAlg, noKid,
                encryption, privateKey, secret);

        Map<String, VerificationKey> keys = JwksClient.verificationKeys(new JWKSet(published).toString(false), SignatureCrypto.jdk());

        assertThat(keys).containsOnlyKeys("rs-active", "ec-1");
        assertThat(keys.get("rs-active").algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(keys.get("ec-1").algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(keys.get("rs-active").keys()).containsExactly(TestKeys.ACTIVE.toRSAPublicKey());
    }

    @Test
    void aKidNamedTwiceMakesTheSetUnusable() throws JOSEException {
        RSAKey twin = new RSAKey.Builder(TestKeys.ATTACKER.toRSAPublicKey())
                .keyID(TestKeys.ACTIVE.getKeyID()).algorithm(JWSAlgorithm.RS256).build();
        String document = new JWKSet(List.of(TestKeys.ACTIVE.toPublicJWK(), twin)).toString();

        assertThatThrownBy(() -> JwksClient.verificationKeys(document, SignatureCrypto.jdk()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void aDocumentThatIsNoJwkSetIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> JwksClient.verificationKeys("<html>sign in</html>", SignatureCrypto.jdk()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The response is not a JWK set");
    }
}
