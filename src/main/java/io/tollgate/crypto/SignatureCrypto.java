package io.tollgate.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import io.tollgate.crypto.CryptoProperties.ProviderChoice;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider tokens are signed and verified with, and nimbus signers and verifiers bound to
 * it.
 *
 * <p>The native provider is Amazon Corretto Crypto Provider (AWS-LC). On the reference machine it
 * signs RS256 about four times faster than the JDK's {@code SunRsaSign} and verifies about 1.7
 * times faster (docs/BENCHMARKS.md, {@code SigningBenchmark}). It only pays when the key is its own
 * ({@link KeyFactory#translateKey}, done once here): handed a JDK key, it converts the key on every
 * signature and loses most of the gain. Its library ships for Linux on x86-64; elsewhere it does
 * not load and {@code auto} falls back to the JDK. RS256 signatures are deterministic, so both
 * providers produce the same token bytes.
 */
public final class SignatureCrypto {

    private static final Logger log = LoggerFactory.getLogger(SignatureCrypto.class);
    private static final SignatureCrypto JDK = new SignatureCrypto(null);

    private final Provider provider;

    private SignatureCrypto(Provider provider) {
        this.provider = provider;
    }

    /** The JDK's own providers. */
    public static SignatureCrypto jdk() {
        return JDK;
    }

    /**
     * The provider an operator chose; for {@code auto}, the native one where it loads, otherwise
     * the JDK's with a warning.
     */
    public static SignatureCrypto of(ProviderChoice choice) {
        return switch (choice) {
            case JDK -> JDK;
            case NATIVE -> nativeProvider();
            case AUTO -> nativeOrJdk();
        };
    }

    private static SignatureCrypto nativeOrJdk() {
        try {
            return nativeProvider();
        } catch (RuntimeException | LinkageError e) {
            log.warn("The native crypto provider is not available on this machine ({}); using the JDK's, which signs"
                    + " about four times slower. Set tollgate.crypto.provider=jdk to silence this.", e.getMessage());
            return JDK;
        }
    }

    /**
     * The native provider, or why it cannot be used on this machine.
     *
     * @throws IllegalStateException when its library did not load or failed its self-tests
     */
    static SignatureCrypto nativeProvider() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loadingError = accp.getLoadingError();
        if (loadingError != null) {
            throw new IllegalStateException("The native crypto provider did not load: " + loadingError, loadingError);
        }
        accp.assertHealthy();
        return new SignatureCrypto(accp);
    }

    /** {@code JDK}, or the native provider's name and version. */
    public String name() {
        return provider == null ? "JDK" : provider.getName() + " " + provider.getVersionStr();
    }

    /** A signer for the private half of {@code jwk} with {@code algorithm}. */
    public JWSSigner signer(JWK jwk, JWSAlgorithm algorithm) throws JOSEException {
        JWSSigner signer;
        if (provider != null && jwk instanceof RSAKey rsa) {
            signer = new RSASSASigner(own(rsa.toPrivateKey()));
        } else if (provider != null && jwk instanceof ECKey ec) {
            signer = new ECDSASigner(own(ec.toPrivateKey()), ec.getCurve());
        } else {
            return new DefaultJWSSignerFactory().createJWSSigner(jwk, algorithm);
        }
        bind(signer.getJCAContext());
        return signer;
    }

    /** {@code key} as this provider's own key object, so that verifying with it converts nothing. */
    public Key verificationKey(Key key) throws JOSEException {
        return provider != null && key instanceof PublicKey publicKey ? own(publicKey) : key;
    }

    /** The factory of the verifiers nimbus's JOSE processor checks signatures with. */
    public JWSVerifierFactory verifierFactory() {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        bind(factory.getJCAContext());
        return factory;
    }

    private void bind(JCAContext context) {
        context.setProvider(provider);
    }

    @SuppressWarnings("unchecked")
    private <K extends Key> K own(K key) throws JOSEException {
        try {
            return (K) KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("The native crypto provider cannot use a " + key.getAlgorithm() + " key", e);
        }
    }
}
