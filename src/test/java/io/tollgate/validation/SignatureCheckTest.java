package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.util.Base64URL;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.security.Key;
import java.text.ParseException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The JOSE checks of {@link SignatureCheck}, and above all that its memo of parsed headers keeps
 * nothing but the parse: type, key and signature are judged afresh for every token.
 */
class SignatureCheckTest {

    private final AtomicReference<VerificationKey> activeKey =
            new AtomicReference<>(VerificationKey.of(TestKeys.ACTIVE.toPublicJWK(), SignatureCrypto.jdk()));
    private final TrustedIssuer issuer = new TrustedIssuer() {
        @Override
        public String issuer() {
            return Tokens.ISSUER;
        }

        @Override
        public VerificationKey find(String keyId) {
            VerificationKey key = activeKey.get();
            return key != null && key.keyId().equals(keyId) ? key : null;
        }
    };
    private final AtomicInteger verifiersMade = new AtomicInteger();
    private final JWSVerifierFactory factory = new DefaultJWSVerifierFactory() {
        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            verifiersMade.incrementAndGet();
            return SignatureCrypto.jdk().verifierFactory().createJWSVerifier(header, key);
        }
    };
    private final SignatureCheck check = new SignatureCheck(new PinnedKeySelector(issuer), factory);

    @Test
    void aTokenSignedByAKnownKeyPasses() {
        assertThatCode(() -> check.verify(jws(Tokens.sign(Tokens.brandClaims().build())))).doesNotThrowAnyException();
    }

    @Test
    void aHeaderSeenBeforeMeetsTheKeysOfNow() throws Exception {
        check.verify(jws(Tokens.sign(Tokens.brandClaims().build())));
        activeKey.set(null);

        assertThatThrownBy(() -> check.verify(jws(Tokens.sign(Tokens.brandClaims().build()))))
                .isInstanceOf(BadJOSEException.class)
                .isNotInstanceOf(BadJWSException.class);
    }

    @Test
    void eachKeysVerifierIsMadeOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            check.verify(jws(Tokens.sign(Tokens.brandClaims().build())));
        }

        assertThat(verifiersMade).hasValue(1);
    }

    /** Another key of the same {@code kid} (a rotation, or a forgery) never meets the old key's verifier. */
    @Test
    void aNewKeyOfTheSameKidGetsAVerifierOfItsOwn() throws Exception {
        check.verify(jws(Tokens.sign(Tokens.brandClaims().build())));
        activeKey.set(VerificationKey.of(TestKeys.ATTACKER.toPublicJWK(), SignatureCrypto.jdk()));
        String byNewKey = Tokens.sign(Tokens.activeHeader().build(), Tokens.brandClaims().build(),
                new RSASSASigner(TestKeys.ATTACKER));

        assertThatCode(() -> check.verify(jws(byNewKey))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify(jws(Tokens.sign(Tokens.brandClaims().build()))))
                .isInstanceOf(BadJWSException.class);
        assertThat(verifiersMade).hasValue(2);
    }

    @Test
    void aHeaderSeenBeforeStillNeedsItsSignature() throws Exception {
        check.verify(jws(Tokens.sign(Tokens.brandClaims().build())));
        String[] other = Tokens.sign(Tokens.brandClaims().subject("other").build()).split("\\.");
        String[] mine = Tokens.sign(Tokens.brandClaims().build()).split("\\.");

        assertThatThrownBy(() -> check.verify(jws(mine[0] + "." + other[1] + "." + mine[2])))
                .isInstanceOf(BadJWSException.class);
    }

    @Test
    void aCriticalHeaderNobodyUnderstandsFailsTheSignature() {
        JWSHeader header =
                Tokens.activeHeader().customParam("x-tenant", "a").criticalParams(Set.of("x-tenant")).build();
        String token = Tokens.sign(header, Tokens.brandClaims().build(), Tokens.activeSigner());

        assertThatThrownBy(() -> check.verify(jws(token))).isInstanceOf(BadJWSException.class);
    }

    @Test
    void anUnencodedPayloadIsRefused() {
        JWSHeader header = Tokens.activeHeader().base64URLEncodePayload(false).criticalParams(Set.of("b64")).build();
        String token = header.toBase64URL() + "." + Base64URL.encode("{}") + "." + Base64URL.encode("sig");

        assertThatThrownBy(() -> check.verify(jws(token)))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("RFC 7797");
    }

    @Test
    void aTokenOfAnotherTypeIsRefused() {
        JWSHeader header = Tokens.activeHeader().type(JOSEObjectType.JWT).build();
        String token = Tokens.sign(header, Tokens.brandClaims().build(), Tokens.activeSigner());

        assertThatThrownBy(() -> check.verify(jws(token))).isInstanceOf(BadJOSEException.class);
    }

    private static CompactJws jws(String token) throws ParseException {
        return CompactJws.split(token);
    }
}
