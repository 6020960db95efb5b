package io.tollgate.validation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import io.tollgate.issuer.SigningKeys;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.store.FailurePolicy;
import io.tollgate.store.MemoryCutOffStore;
import io.tollgate.store.MemoryRevocationStore;
import io.tollgate.store.StoreAvailability;
import io.tollgate.support.LiveHeap;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TokenKind;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How much heap the verdict caches hold for a given number of tokens: fills a {@link
 * ValidationService} with distinct valid tokens through its public path ({@code validate}), and
 * reports the bytes of live objects that gained (from class histograms, which collect first) and
 * the classes that hold them.
 *
 * <p>The accepted tier is filled with HS256 tokens: minting and verifying a million RS256 tokens
 * would take about half an hour on two cores, and the accepted tier never holds the token itself,
 * only its SHA-256 and its claims, so the signature algorithm does not change what an entry
 * weighs. The hot tier, which does hold the token's bytes, is filled with real RS256 tokens.
 * Tokens are shaped as a large deployment's would be: a distinct subject each, 100 clients, the
 * same scopes.
 *
 * <p>Run: {@code ./mvnw -o -Pcache-memory verify [-Dcache.memory.args="1000000 16384"]} (accepted
 * entries, hot entries); see docs/BENCHMARKS.md.
 */
public final class CacheMemoryHarness {

    private CacheMemoryHarness() {}

    public static void main(String[] args) throws Exception {
        int accepted = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int hot = args.length > 1 ? Integer.parseInt(args[1]) : 16_384;
        Clock clock = Clock.systemUTC();
        KeyRing hsKeys = new KeyRing(Tokens.ISSUER, new JWKSet(
                new OctetSequenceKeyGenerator(256).keyID("hs").algorithm(JWSAlgorithm.HS256).generate()), null,
                SignatureCrypto.jdk());
        KeyRing rsKeys = new KeyRing(Tokens.ISSUER, new JWKSet(List.of(TestKeys.ACTIVE)), null, SignatureCrypto.jdk());
        TokenMinter hs256 = new TokenMinter(SigningKeys.fixed(hsKeys), List.of("tollgate"), clock);
        TokenMinter rs256 = new TokenMinter(SigningKeys.fixed(rsKeys), List.of("tollgate"), clock);
        ValidationCaches caches = caches(clock, accepted, hot);
        ValidationService service = service(bothKeys(hsKeys, rsKeys), clock, caches);

        long empty = LiveHeap.bytes();
        System.out.printf("empty caches: %,d bytes retained%n", empty);

        for (int i = 0; i < accepted; i++) {
            requireValid(service, mint(hs256, i));
        }
        long full = LiveHeap.bytes();
        System.out.printf("accepted tier, %,d tokens: %,d bytes retained, %.0f bytes per token, %.1f MiB%n",
                accepted, full - empty, (full - empty) / (double) accepted, (full - empty) / 1048576.0);

        String[] rsTokens = IntStream.range(0, hot).parallel().mapToObj(i -> mint(rs256, accepted + i))
                .toArray(String[]::new);
        System.out.printf("RS256 tokens for the hot tier: %d characters each%n", rsTokens[0].length());
        ValidationResult[] verdicts = new ValidationResult[hot];
        for (int i = 0; i < hot; i++) {
            verdicts[i] = requireValid(service, rsTokens[i]);
        }
        // A hot tier of its own, filled directly: through validate(), the full accepted tier would
        // evict as many entries as the hot tier gains, and the difference would measure both.
        ValidationCaches hotOnly = caches(clock, 1, hot);
        long withTokens = LiveHeap.bytes();
        for (int i = 0; i < hot; i++) {
            hotOnly.hot().put(TokenKey.of(rsTokens[i]), verdicts[i]);
        }
        long hotFull = LiveHeap.bytes();
        // The token strings must outlive the measurement, or their collection cancels the keys' bytes.
        Reference.reachabilityFence(rsTokens);
        System.out.printf("hot tier, %,d RS256 tokens: %,d bytes retained, %.0f bytes per token, %.1f MiB%n",
                hot, hotFull - withTokens, (hotFull - withTokens) / (double) hot,
                (hotFull - withTokens) / 1048576.0);
        long total = LiveHeap.bytes();
        System.out.printf("both tiers full: %,d bytes retained above the empty caches, %.1f MiB%n",
                total - empty, (total - empty) / 1048576.0);
        Reference.reachabilityFence(hotOnly);
        System.out.println();
        System.out.println(LiveHeap.histogram(25));
        // The caches must stay reachable until the histogram is taken, or they are measured empty.
        Reference.reachabilityFence(service);
        Reference.reachabilityFence(caches);
    }

    /** One issuer trusting both key rings: HS256 for the accepted tier, RS256 for the hot tier. */
    private static TrustedIssuer bothKeys(KeyRing hsKeys, KeyRing rsKeys) {
        return new TrustedIssuer() {
            @Override
            public String issuer() {
                return Tokens.ISSUER;
            }

            @Override
            public VerificationKey find(String keyId) {
                VerificationKey key = hsKeys.find(keyId);
                return key != null ? key : rsKeys.find(keyId);
            }
        };
    }

    private static ValidationCaches caches(Clock clock, long accepted, long hot) {
        ValidationProperties properties = new ValidationProperties(Duration.ofSeconds(30), 8192,
                new ValidationProperties.Cache(accepted, hot, Duration.ofMinutes(10)),
                new ValidationProperties.NegativeCache(10_000, Duration.ofSeconds(30)));
        return ValidationCaches.create(properties, clock);
    }

    private static ValidationService service(TrustedIssuer issuer, Clock clock, ValidationCaches caches) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new ValidationService(new TokenVerifier(issuer, Duration.ofSeconds(30), SignatureCrypto.jdk()),
                new RevocationCheck(new MemoryRevocationStore(clock, Duration.ofSeconds(30)),
                        new MemoryCutOffStore(clock)),
                caches, 8192,
                ValidationConfiguration.validationTimer(registry, "cache"),
                ValidationConfiguration.validationTimer(registry, "verified"),
                StoreAvailability.ALWAYS, FailurePolicy.FAIL_CLOSED, ValidationConfiguration.failOpenCounter(registry));
    }

    private static String mint(TokenMinter minter, int i) {
        return minter.mint(TokenKind.OAUTH_USER, "user-" + i, "client-" + (i % 100), List.of("profile", "family"),
                Duration.ofHours(1)).value();
    }

    private static ValidationResult requireValid(ValidationService service, String token) {
        ValidationResult result = service.validate(token).block();
        if (result == null || !result.isValid()) {
            throw new IllegalStateException("A freshly minted token was rejected: " + result);
        }
        return result;
    }
}
