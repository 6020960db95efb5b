package io.tollgate.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tollgate.crypto.SignatureCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link KeyRing} from {@code tollgate.issuer.keys}, or generates a key for a demo. */
final class KeyRingLoader {

    private static final Logger log = LoggerFactory.getLogger(KeyRingLoader.class);

    private KeyRingLoader() {}

    static KeyRing load(IssuerProperties properties, SignatureCrypto crypto) {
        IssuerProperties.Keys keys = properties.keys();
        String issuer = properties.issuerUri().toString();
        if (keys.location() == null) {
            log.warn("No tollgate.issuer.keys.location: signing with a key generated at start; "
                    + "tokens will not survive a restart");
            return new KeyRing(issuer, new JWKSet(generateRsaKey()), null, crypto);
        }
        try (InputStream in = keys.location().getInputStream()) {
            return new KeyRing(issuer, JWKSet.load(in), keys.activeKid(), crypto);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing keys from " + keys.location().getDescription(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("Signing keys at " + keys.location().getDescription()
                    + " are not a valid JWK set (details withheld: the file holds private keys)");
        }
    }

    private static JWK generateRsaKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }
}
