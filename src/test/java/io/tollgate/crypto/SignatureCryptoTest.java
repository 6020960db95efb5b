package io.tollgate.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.crypto.CryptoProperties.ProviderChoice;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native provider is a drop-in for the JDK's: what one signs the other verifies, for every key
 * type the key ring takes, and RS256 signatures (deterministic) come out byte for byte the same.
 */
class SignatureCryptoTest {

    private static final SignatureCrypto NATIVE = SignatureCrypto.of(ProviderChoice.NATIVE);
    private static final SignatureCrypto JDK = SignatureCrypto.of(ProviderChoice.JDK);

    static Stream<Arguments> signerAndVerifier() {
        return Stream.of(
                Arguments.of(TestKeys.ACTIVE, JWSAlgorithm.RS256, NATIVE, JDK),
                Arguments.of(TestKeys.ACTIVE, JWSAlgorithm.RS256, JDK, NATIVE),
                Arguments.of(TestKeys.EC, JWSAlgorithm.ES256, NATIVE, JDK),
                Arguments.of(TestKeys.EC, JWSAlgorithm.ES256, JDK, NATIVE));
    }

    @ParameterizedTest(name = "{1} signed by {2} verifies with {3}")
    @MethodSource("signerAndVerifier")
    void whatOneProviderSignsTheOtherVerifies(JWK key, JWSAlgorithm algorithm, SignatureCrypto signing,
            SignatureCrypto verifying) throws JOSEException, ParseException {
        String token = sign(signing, key, algorithm, Tokens.brandClaims().build());
        JWSVerifier verifier = verifier(verifying, key, algorithm);

        assertThat(SignedJWT.parse(token).verify(verifier)).isTrue();
        assertThat(SignedJWT.parse(tamper(token)).verify(verifier)).isFalse();
    }

    @Test
    void bothProvidersProduceTheSameRs256Signature() throws JOSEException {
        JWTClaimsSet claims = Tokens.brandClaims().build();

        assertThat(sign(NATIVE, TestKeys.ACTIVE, JWSAlgorithm.RS256, claims))
                .isEqualTo(sign(JDK, TestKeys.ACTIVE, JWSAlgorithm.RS256, claims));
    }

    @Test
    void autoPicksTheNativeProviderWhereItLoads() {
        assertThat(NATIVE.name()).startsWith("AmazonCorrettoCryptoProvider ");
        assertThat(SignatureCrypto.of(ProviderChoice.AUTO).name()).isEqualTo(NATIVE.name());
        assertThat(JDK.name()).isEqualTo("JDK");
    }

    @Test
    void verificationKeysBecomeTheNativeProvidersOwn() throws JOSEException {
        assertThat(NATIVE.verificationKey(TestKeys.ACTIVE.toPublicKey()).getClass().getName())
                .startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(JDK.verificationKey(TestKeys.ACTIVE.toPublicKey())).isEqualTo(TestKeys.ACTIVE.toPublicKey());
    }

    private static String sign(SignatureCrypto crypto, JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims)
            throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(crypto.signer(key, algorithm));
        return jwt.serialize();
    }

    private static JWSVerifier verifier(SignatureCrypto crypto, JWK key, JWSAlgorithm algorithm)
            throws JOSEException {
        return crypto.verifierFactory().createJWSVerifier(
                new JWSHeader(algorithm), crypto.verificationKey(((AsymmetricJWK) key).toPublicKey()));
    }

    /** The same token with one claim changed and the signature kept. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"acme\"", "\"evil\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
