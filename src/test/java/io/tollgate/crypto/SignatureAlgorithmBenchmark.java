package io.tollgate.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The signature of a token alone, per algorithm and provider, with the JCA and nothing of nimbus:
 * RS256 (2,048 bits) and ES256, which Tollgate signs and verifies, and Ed25519, which it does not
 * (nimbus signs EdDSA only through Google Tink, which the build cannot resolve; see
 * docs/BENCHMARKS.md, "Issuance (issue #18)"). The input is a signing input of the size of a brand
 * token's. Issuance pays {@code sign} once per token; the guard pays {@code verify} once per token
 * it has not cached.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.args="SignatureAlgorithmBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SignatureAlgorithmBenchmark {

    @Param({"RS256", "ES256", "Ed25519"})
    public String algorithm;

    /** {@code NATIVE} (AWS-LC, checked as {@link SignatureCrypto} checks it) or {@code JDK}. */
    @Param({"NATIVE", "JDK"})
    public String provider;

    private Provider jca;
    private String signatureName;
    private KeyPair keys;
    private byte[] input;
    private byte[] signature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        if ("NATIVE".equals(provider)) {
            SignatureCrypto.nativeProvider();
            jca = AmazonCorrettoCryptoProvider.INSTANCE;
        }
        KeyPairGenerator generator;
        switch (algorithm) {
            case "RS256" -> {
                signatureName = "SHA256withRSA";
                generator = generator("RSA");
                generator.initialize(2048);
            }
            case "ES256" -> {
                signatureName = "SHA256withECDSA";
                generator = generator("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case "Ed25519" -> {
                signatureName = "Ed25519";
                generator = generator("Ed25519");
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        keys = generator.generateKeyPair();
        input = ("eyJraWQiOiJicmFuZCIsInR5cCI6ImF0K2p3dCIsImFsZyI6IlJTMjU2In0." + "x".repeat(360))
                .getBytes(StandardCharsets.US_ASCII);
        signature = sign();
        if (!verify()) {
            throw new IllegalStateException(algorithm + " with " + provider + " does not verify its own signature");
        }
    }

    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        Signature signer = signature();
        signer.initSign(keys.getPrivate());
        signer.update(input);
        return signer.sign();
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        Signature verifier = signature();
        verifier.initVerify(keys.getPublic());
        verifier.update(input);
        return verifier.verify(signature);
    }

    /** A new {@link Signature} per operation, as nimbus's signers and verifiers take one. */
    private Signature signature() throws GeneralSecurityException {
        return jca == null ? Signature.getInstance(signatureName) : Signature.getInstance(signatureName, jca);
    }

    private KeyPairGenerator generator(String type) throws GeneralSecurityException {
        return jca == null ? KeyPairGenerator.getInstance(type) : KeyPairGenerator.getInstance(type, jca);
    }
}
