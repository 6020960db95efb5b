package io.tollgate.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import io.tollgate.crypto.CryptoProperties.ProviderChoice;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import io.tollgate.issuer.SigningKeys;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.AccessToken;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * Each step of a cold validation alone, for a Tollgate token and a Keycloak-shaped one ({@link
 * KeycloakShapedIssuer}), so that what the longer external token costs beyond a Tollgate one in
 * {@link ValidationBenchmark#coldKeycloakRs256} (issue #15's cold ratio) is attributed step by
 * step: the header value's encoding, the digest of the large tier's key, the cut at the dots with
 * the signature's decoding, the claims' Base64url decoding, their JSON reading, the JOSE checks
 * with the signature, and the claims rules with the mapping to an access token. Each step works on
 * the previous step's output, computed in {@link #setUp} for every token of a pool of {@value #POOL}.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.args="ColdStepsBenchmark"} (docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ColdStepsBenchmark {

    private static final int POOL = 16_384;

    @Param({"TOLLGATE", "KEYCLOAK"})
    public String token;

    private String[] tokens;
    private byte[][] bytes;
    private CompactJws[] parts;
    private byte[][] json;
    private JWTClaimsSet[] claims;
    private IssuerTrust trust;
    private ClaimsReader reader;
    private int next;

    @Setup
    public void setUp() throws Exception {
        SignatureCrypto crypto = SignatureCrypto.of(ProviderChoice.NATIVE);
        KeyRing keys = new KeyRing(Tokens.ISSUER, new JWKSet(List.of(TestKeys.ACTIVE)), null, crypto);
        TokenMinter minter = new TokenMinter(SigningKeys.fixed(keys), List.of("tollgate"), Clock.systemUTC());
        KeycloakShapedIssuer keycloak = new KeycloakShapedIssuer();
        TrustedIssuers issuers = keycloak.withTollgate(keys, Duration.ofSeconds(30), crypto);
        reader = ClaimsReader.of(issuers.all());
        tokens = IntStream.range(0, POOL).parallel().mapToObj(i -> token.equals("KEYCLOAK") ? keycloak.token()
                : ValidationBenchmark.mint(minter)).toArray(String[]::new);
        bytes = new byte[POOL][];
        parts = new CompactJws[POOL];
        json = new byte[POOL][];
        claims = new JWTClaimsSet[POOL];
        for (int i = 0; i < POOL; i++) {
            bytes[i] = tokens[i].getBytes(StandardCharsets.UTF_8);
            parts[i] = CompactJws.split(tokens[i]);
            json[i] = parts[i].claimsJson();
            claims[i] = reader.read(json[i]);
        }
        trust = issuers.byIssuer(claims[0].getIssuer());
    }

    private int nextIndex() {
        int index = next;
        next = (next + 1) % POOL;
        return index;
    }

    @Benchmark
    public byte[] encode() {
        return tokens[nextIndex()].getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public TokenDigest digest() {
        return TokenDigest.of(bytes[nextIndex()], 0);
    }

    @Benchmark
    public CompactJws split() throws ParseException {
        int i = nextIndex();
        return CompactJws.split(tokens[i], 0, bytes[i]);
    }

    @Benchmark
    public byte[] decodeClaims() {
        return parts[nextIndex()].claimsJson();
    }

    @Benchmark
    public JWTClaimsSet readClaims() throws ParseException {
        return reader.read(json[nextIndex()]);
    }

    @Benchmark
    public String signature() throws ParseException, BadJOSEException, JOSEException {
        return trust.signature().verify(parts[nextIndex()]);
    }

    @Benchmark
    public AccessToken claimsCheckAndMap() throws BadJWTException, ParseException {
        JWTClaimsSet set = claims[nextIndex()];
        trust.claims().verify(set, null);
        return trust.mapping().read(set);
    }
}
