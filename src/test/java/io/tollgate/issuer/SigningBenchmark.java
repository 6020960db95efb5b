package io.tollgate.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tollgate.crypto.CryptoProperties.ProviderChoice;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.support.Tokens;
import io.tollgate.token.TokenKind;
import io.tollgate.validation.TokenVerifier;
import io.tollgate.validation.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * What one issued token costs to sign and to verify, per signing algorithm: the trade behind the
 * issuance figures of the load benchmark (docs/BENCHMARKS.md). Issuance is bound by the private-key
 * operation; the guard by the public-key one.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.args="SigningBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SigningBenchmark {

    @Param({"RS256", "ES256"})
    public String algorithm;

    /** {@code NATIVE} (the default provider where it loads) or {@code JDK}. */
    @Param({"NATIVE", "JDK"})
    public String provider;

    private TokenMinter minter;
    private TokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() throws JOSEException {
        JWK key = "RS256".equals(algorithm)
                ? new RSAKeyGenerator(2048).keyID("rs").algorithm(JWSAlgorithm.RS256).generate()
                : new ECKeyGenerator(Curve.P_256).keyID("es").algorithm(JWSAlgorithm.ES256).generate();
        SignatureCrypto crypto = SignatureCrypto.of(ProviderChoice.valueOf(provider));
        KeyRing keys = new KeyRing(Tokens.ISSUER, new JWKSet(key), null, crypto);
        minter = new TokenMinter(SigningKeys.fixed(keys), List.of("tollgate"), Clock.systemUTC());
        verifier = new TokenVerifier(keys, Duration.ofSeconds(30), crypto);
        token = mint();
    }

    @Benchmark
    public String mint() {
        return minter.mint(TokenKind.BRAND, "acme", "acme", List.of("content:read", "content:write"),
                Duration.ofHours(1)).value();
    }

    @Benchmark
    public ValidationResult verify() {
        return verifier.verify(token);
    }
}
