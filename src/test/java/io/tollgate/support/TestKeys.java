package io.tollgate.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Signing keys made for the test run and written to a temporary JWK set file, which the gateway
 * under test loads through {@code tollgate.issuer.keys.location}: no private key is committed,
 * and tests can sign tokens of any shape with the gateway's own keys.
 */
public final class TestKeys {

    /** The active RS256 key. */
    public static final RSAKey ACTIVE = rsa("rs-active");
    /** A second key in the ring, pinned to ES256. */
    public static final ECKey EC = ec("ec-1");
    /** A key the gateway does not know. */
    public static final RSAKey ATTACKER = rsa("rs-active");
    /** The JWK set file holding {@link #ACTIVE} and {@link #EC}. */
    public static final Path FILE = write(new JWKSet(List.of(ACTIVE, EC)));
    /** The key a rotation makes active, published only in {@link #ROTATED_FILE}. */
    public static final RSAKey NEXT = rsa("rs-next");
    /** The JWK set file after a rotation: {@link #NEXT} added, the earlier keys still published. */
    public static final Path ROTATED_FILE = write(new JWKSet(List.of(ACTIVE, EC, NEXT)));

    private TestKeys() {}

    /** A new RS256 key pair with this {@code kid}. */
    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new ES256 (P-256) key pair with this {@code kid}. */
    public static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(JWKSet keys) {
        try {
            Path file = Files.createTempFile("tollgate-test-keys", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, keys.toString(false));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
