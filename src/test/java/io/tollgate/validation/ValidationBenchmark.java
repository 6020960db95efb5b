package io.tollgate.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.crypto.CryptoProperties.ProviderChoice;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import io.tollgate.issuer.SigningKeys;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.store.FailurePolicy;
import io.tollgate.store.MemoryCutOffStore;
import io.tollgate.store.MemoryRevocationStore;
import io.tollgate.store.StoreAvailability;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TokenKind;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import reactor.core.publisher.Mono;

/**
 * The validation service's hot paths against their baseline, in one run: a cached hit, a cold
 * RS256 validation (cache miss: digest, verify, claims, insert), the verification alone without the
 * caches ({@link TokenVerifier}), the issue's baseline: nimbus parsing and verifying the same kind
 * of token with a ready verifier, and below it the floor: the same verifier checking signatures
 * already cut from their tokens and decoded, which is the RSA arithmetic and little else. The
 * verifier trusts Tollgate and a Keycloak-shaped external issuer, whose cold tokens {@link
 * #coldKeycloakRs256} validates.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify} (see docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ValidationBenchmark {

    /** Cold tokens are drawn round-robin from a pool much larger than the cold service's cache. */
    private static final int COLD_POOL = 16_384;
    private static final int COLD_CACHE = 1_024;
    /** Cut-offs of other brands for {@link #cachedHitAmongCutOffs}. */
    private static final int CUT_OFFS = 10_000;

    /**
     * {@code NATIVE} (the default provider where it loads) or {@code JDK}; the baseline uses the
     * same provider, so the ratio prices Tollgate's work, not the provider.
     */
    @Param({"NATIVE", "JDK"})
    public String provider;

    private ValidationService warm;
    private ValidationService amongCutOffs;
    private ValidationService cold;
    private String cachedToken;
    private String[] coldTokens;
    private String[] coldKeycloakTokens;
    private int next;
    private JWSVerifier rawVerifier;
    private JWSHeader rawHeader;
    private CompactJws[] coldParts;
    private TokenVerifier verifier;

    @Setup
    public void setUp() throws JOSEException, ParseException {
        Clock clock = Clock.systemUTC();
        SignatureCrypto crypto = SignatureCrypto.of(ProviderChoice.valueOf(provider));
        KeyRing keys = new KeyRing(Tokens.ISSUER, new JWKSet(List.of(TestKeys.ACTIVE)), null, crypto);
        TokenMinter minter = new TokenMinter(SigningKeys.fixed(keys), List.of("tollgate"), clock);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KeycloakShapedIssuer keycloak = new KeycloakShapedIssuer();
        verifier = new TokenVerifier(keycloak.withTollgate(keys, Duration.ofSeconds(30), crypto));
        warm = service(verifier, clock, registry, 100_000);
        cold = service(verifier, clock, registry, COLD_CACHE);
        cachedToken = mint(minter);
        warm.validate(cachedToken).block();
        warm.validate(cachedToken).block();
        MemoryCutOffStore cutOffs = new MemoryCutOffStore(clock);
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        for (int i = 0; i < CUT_OFFS; i++) {
            cutOffs.cutOff(new CutOffTarget.Subject(CutOffTarget.DEFAULT_ISSUER, TokenKind.BRAND, "brand-" + i),
                    cutOff, cutOff.plus(Duration.ofDays(30))).block();
        }
        amongCutOffs = service(verifier, clock, registry, 100_000, cutOffs);
        amongCutOffs.validate(cachedToken).block();
        amongCutOffs.validate(cachedToken).block();
        coldTokens = IntStream.range(0, COLD_POOL).parallel().mapToObj(i -> mint(minter)).toArray(String[]::new);
        coldKeycloakTokens = IntStream.range(0, COLD_POOL).parallel().mapToObj(i -> keycloak.token())
                .toArray(String[]::new);
        if (!cold.validate(coldKeycloakTokens[0]).block().isValid()) {
            throw new IllegalStateException("The Keycloak-shaped token was refused");
        }
        rawHeader = new JWSHeader(JWSAlgorithm.RS256);
        rawVerifier = crypto.verifierFactory().createJWSVerifier(
                rawHeader, crypto.verificationKey(TestKeys.ACTIVE.toRSAPublicKey()));
        coldParts = new CompactJws[COLD_POOL];
        for (int i = 0; i < COLD_POOL; i++) {
            coldParts[i] = CompactJws.split(coldTokens[i]);
        }
    }

    @Benchmark
    public Mono<ValidationResult> cachedHit() {
        return warm.validate(cachedToken);
    }

    /**
     * {@link #cachedHit} while {@value #CUT_OFFS} other brands are cut off: the revocation step then
     * looks the token's subject up in the cut-offs instead of finding none at all.
     */
    @Benchmark
    public Mono<ValidationResult> cachedHitAmongCutOffs() {
        return amongCutOffs.validate(cachedToken);
    }

    @Benchmark
    public Mono<ValidationResult> coldRs256() {
        return cold.validate(nextColdToken());
    }

    /**
     * {@link #coldRs256} with an external issuer's token shaped like Keycloak's ({@link
     * KeycloakShapedIssuer}: {@code typ: JWT}, twice the claims); the goal of issue #15 is within
     * 1.10 × of {@link #coldRs256}.
     */
    @Benchmark
    public Mono<ValidationResult> coldKeycloakRs256() {
        return cold.validate(coldKeycloakTokens[nextCold()]);
    }

    /**
     * The verification alone ({@link TokenVerifier}: type, key, signature, claims), without the
     * caches; called {@code nimbusPipeline} in runs A to E.
     */
    @Benchmark
    public ValidationResult verifierAlone() {
        return verifier.verify(nextColdToken());
    }

    @Benchmark
    public boolean rawNimbusVerify() throws ParseException, JOSEException {
        return SignedJWT.parse(nextColdToken()).verify(rawVerifier);
    }

    /** Not a goal's baseline: what is left of {@link #rawNimbusVerify} without nimbus's parsing. */
    @Benchmark
    public boolean signatureFloor() throws JOSEException {
        CompactJws jws = coldParts[nextCold()];
        return rawVerifier.verify(rawHeader, jws.signingInput(), jws.signature());
    }

    private String nextColdToken() {
        return coldTokens[nextCold()];
    }

    private int nextCold() {
        int index = next;
        next = (next + 1) % COLD_POOL;
        return index;
    }

    private static ValidationService service(
            TokenVerifier verifier, Clock clock, PrometheusMeterRegistry registry, long size) {
        return service(verifier, clock, registry, size, new MemoryCutOffStore(clock));
    }

    private static ValidationService service(TokenVerifier verifier, Clock clock, PrometheusMeterRegistry registry,
            long size, MemoryCutOffStore cutOffs) {
        ValidationProperties properties = new ValidationProperties(Duration.ofSeconds(30), 8192,
                new ValidationProperties.Cache(size, size, Duration.ofMinutes(10)),
                new ValidationProperties.NegativeCache(1_000, Duration.ofSeconds(30)));
        return new ValidationService(verifier,
                new RevocationCheck(new MemoryRevocationStore(clock, properties.clockSkew()), cutOffs),
                ValidationCaches.create(properties, clock), 8192,
                ValidationConfiguration.validationTimer(registry, "cache"),
                ValidationConfiguration.validationTimer(registry, "verified"),
                StoreAvailability.ALWAYS, FailurePolicy.FAIL_CLOSED, ValidationConfiguration.failOpenCounter(registry));
    }

    /** A brand token of {@code acme} with two scopes, living one hour: the Tollgate token every cold case uses. */
    static String mint(TokenMinter minter) {
        return minter.mint(TokenKind.BRAND, "acme", "acme",
                List.of("content:read", "content:write"), Duration.ofHours(1)).value();
    }
}
