package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import io.tollgate.store.FailurePolicy;
import io.tollgate.store.MemoryCutOffStore;
import io.tollgate.store.MemoryRevocationStore;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.AccessToken;
import io.tollgate.token.AccessTokenClaims;
import io.tollgate.token.KeySetChange;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The validation service alone, with caches small enough to fill. */
class ValidationServiceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Timer verified = registry.timer("verified");
    private final Timer cached = registry.timer("cache");
    private final Counter admittedUnchecked = registry.counter("fail-open");
    private final AtomicBoolean storeUp = new AtomicBoolean(true);
    private final MemoryRevocationStore revocations = new MemoryRevocationStore(Clock.systemUTC(), Duration.ofSeconds(30));
    private FailurePolicy onFailure = FailurePolicy.FAIL_CLOSED;
    /** Runs whenever the service asks whether the store is up. */
    private Runnable onStoreCheck = () -> {};
    private final KeyRing keys =
            new KeyRing(Tokens.ISSUER, new JWKSet(List.of(TestKeys.ACTIVE, TestKeys.EC)), "rs-active", SignatureCrypto.jdk());

    private ValidationCaches caches;

    private ValidationService service(long acceptedSize, long rejectedSize, Duration maxTtl) {
        return service(keys, acceptedSize, rejectedSize, maxTtl);
    }

    private ValidationService service(TrustedIssuer keys, long acceptedSize, long rejectedSize, Duration maxTtl) {
        ValidationProperties properties = new ValidationProperties(Duration.ofSeconds(30), 8192,
                new ValidationProperties.Cache(acceptedSize, acceptedSize, maxTtl),
                new ValidationProperties.NegativeCache(rejectedSize, Duration.ofSeconds(30)));
        caches = ValidationCaches.create(properties, Clock.systemUTC());
        return new ValidationService(new TokenVerifier(keys, Duration.ofSeconds(30), SignatureCrypto.jdk()),
                new RevocationCheck(revocations, new MemoryCutOffStore(Clock.systemUTC())), caches, 8192, cached, verified, this::storeIsUp, onFailure, admittedUnchecked);
    }

    @Test
    void aFloodOfBadTokensDoesNotEvictGoodOnes() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        String good = Tokens.sign(Tokens.brandClaims().build());
        assertThat(service.validate(good).block().isValid()).isTrue();
        for (int i = 0; i < 1000; i++) {
            String bad = Tokens.sign(Tokens.brandClaims().issuer("https://evil.example/" + i).build());
            assertThat(service.validate(bad).block().isValid()).isFalse();
        }
        long verificationsBefore = verified.count();
        assertThat(service.validate(good).block().isValid()).isTrue();
        assertThat(verified.count()).as("the good token was still cached").isEqualTo(verificationsBefore);
    }

    @Test
    void aTokenJoinsTheHotTierOnItsSecondUse() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        String token = Tokens.sign(Tokens.brandClaims().build());
        service.validate(token).block();
        assertThat(caches.hot().asMap()).isEmpty();
        assertThat(caches.accepted().asMap()).hasSize(1);
        service.validate(token).block();
        assertThat(caches.hot().asMap()).hasSize(1);
        assertThat(verified.count()).isEqualTo(1);
        assertThat(cached.count()).isEqualTo(1);
        service.validate(token).block();
        assertThat(caches.hot().stats().hitCount()).isEqualTo(1);
    }

    /** The look after claiming the single flight is quiet: a first sight is one miss of each tier. */
    @Test
    void aNewTokenCountsOneMissInEachTier() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        service.validate(Tokens.sign(Tokens.brandClaims().build())).block();
        service.validate(Tokens.sign(Tokens.brandClaims().issuer("https://evil.example").build())).block();

        assertThat(caches.accepted().stats().missCount()).isEqualTo(2);
        assertThat(caches.rejected().stats().missCount()).isEqualTo(2);
        assertThat(caches.hot().stats().missCount()).isEqualTo(2);
    }

    @Test
    void anAcceptedTokenIsNotCachedPastItsExpiry() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        Instant now = Instant.now();
        String expiringNow = Tokens.sign(Tokens.brandClaims()
                .issueTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.minusSeconds(27)))
                .build());
        assertThat(service.validate(expiringNow).block().isValid()).isTrue();
        await(Duration.ofMillis(3500));
        assertThat(service.validate(expiringNow).block().reason()).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void theCacheKeyIsTheWholeToken() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        String good = Tokens.sign(Tokens.brandClaims().build());
        assertThat(service.validate(good).block().isValid()).isTrue();
        String[] parts = good.split("\\.");
        String otherPayload = Tokens.sign(Tokens.brandClaims().subject("mallory").build()).split("\\.")[1];
        String spliced = parts[0] + "." + otherPayload + "." + parts[2];
        assertThat(service.validate(spliced).block().reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void tokensOverTheLimitAreRejectedWithoutParsing() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        assertThat(service.validate("a".repeat(8193)).block().reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(verified.count()).isZero();
    }

    @Test
    void whileTheStoreIsDownCachedAnswersStandAndUnseenTokensAreRefused() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        String cachedGood = Tokens.sign(Tokens.brandClaims().build());
        String cachedRevoked = Tokens.sign(Tokens.brandClaims().jwtID("revoked-before").build());
        assertThat(service.validate(cachedGood).block().isValid()).isTrue();
        assertThat(service.validate(cachedRevoked).block().isValid()).isTrue();
        revocations.revoke("revoked-before", Instant.now().plusSeconds(60)).block();

        storeUp.set(false);
        assertThat(service.validate(cachedGood).block().isValid()).isTrue();
        assertThat(service.validate(cachedRevoked).block().reason()).isEqualTo(RejectionReason.REVOKED);
        String unseen = Tokens.sign(Tokens.brandClaims().build());
        assertThat(service.validate(unseen).block().reason()).isEqualTo(RejectionReason.STORE_UNAVAILABLE);
        String forged = Tokens.sign(Tokens.brandClaims().issuer("https://evil.example").build());
        assertThat(service.validate(forged).block().reason()).isEqualTo(RejectionReason.UNKNOWN_ISSUER);
        assertThat(admittedUnchecked.count()).isZero();

        storeUp.set(true);
        assertThat(service.validate(unseen).block().isValid())
                .as("a refusal for want of the store is not cached")
                .isTrue();
    }

    @Test
    void failOpenAdmitsUnseenValidTokensAndCountsThem() {
        onFailure = FailurePolicy.FAIL_OPEN;
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        storeUp.set(false);
        String unseen = Tokens.sign(Tokens.brandClaims().build());
        assertThat(service.validate(unseen).block().isValid()).isTrue();
        assertThat(service.validate(unseen).block().isValid()).isTrue();
        assertThat(admittedUnchecked.count()).as("not cached: each use is counted").isEqualTo(2);
        String expired = Tokens.sign(Tokens.brandClaims()
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        assertThat(service.validate(expired).block().reason()).isEqualTo(RejectionReason.EXPIRED);
        assertThat(admittedUnchecked.count()).isEqualTo(2);
    }

    /**
     * A request that misses both caches while another request is finishing the same token's
     * verification, and claims the token only after that one is done, takes the verdict from the
     * cache instead of verifying again. The store check, which falls between the cache lookups and
     * the claim, is where the test lets the other request run to its end.
     */
    @Test
    void aRequestArrivingAsAVerificationEndsTakesItsVerdict() {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        String good = Tokens.sign(Tokens.brandClaims().build());
        String bad = Tokens.sign(Tokens.brandClaims().issuer("https://evil.example").build());

        onStoreCheck = () -> {
            onStoreCheck = () -> {};
            assertThat(service.validate(good).block().isValid()).isTrue();
        };
        assertThat(service.validate(good).block().isValid()).isTrue();
        assertThat(verified.count()).isEqualTo(1);

        onStoreCheck = () -> {
            onStoreCheck = () -> {};
            assertThat(service.validate(bad).block().reason()).isEqualTo(RejectionReason.UNKNOWN_ISSUER);
        };
        assertThat(service.validate(bad).block().reason()).isEqualTo(RejectionReason.UNKNOWN_ISSUER);
        assertThat(verified.count()).isEqualTo(2);
    }

    @Test
    void droppingAKeyForgetsTheVerdictsOfItsTokensAndNoOthers() throws JOSEException {
        ValidationService service = service(10, 5, Duration.ofMinutes(10));
        String rsa = Tokens.sign(Tokens.brandClaims().build());
        String ec = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokenClaims.TYPE).keyID("ec-1").build(),
                Tokens.brandClaims().build(), new ECDSASigner(TestKeys.EC));
        String unknown = Tokens.sign(Tokens.activeHeader().keyID("rs-next").build(), Tokens.brandClaims().build(),
                new RSASSASigner(TestKeys.NEXT));
        for (String token : List.of(rsa, rsa, ec, ec, unknown)) {
            service.validate(token).block();
        }
        assertThat(caches.hot().asMap()).hasSize(2);
        assertThat(caches.rejected().asMap()).hasSize(1);

        caches.forget(AccessToken.TOLLGATE, new KeySetChange(Set.of(), Set.of("rs-active")));

        assertThat(caches.hot().asMap().values()).extracting(ValidationResult::keyId).containsExactly("ec-1");
        assertThat(caches.accepted().asMap().values()).extracting(ValidationResult::keyId).containsExactly("ec-1");
        assertThat(caches.rejected().asMap()).as("no key was added").hasSize(1);

        caches.forget(AccessToken.TOLLGATE, new KeySetChange(Set.of("rs-next"), Set.of()));

        assertThat(caches.rejected().asMap()).as("a rejection may be stale once a key is added").isEmpty();
        assertThat(caches.hot().asMap()).hasSize(1);
    }

    @Test
    void aVerdictReachedWithAKeyDroppedBeforeItIsCachedIsNotCached() {
        AtomicInteger lookups = new AtomicInteger();
        TrustedIssuer droppedAfterTheFirstLookup = new TrustedIssuer() {
            @Override
            public String issuer() {
                return keys.issuer();
            }

            @Override
            public VerificationKey find(String keyId) {
                return lookups.incrementAndGet() == 1 ? keys.find(keyId) : null;
            }
        };
        ValidationService service = service(droppedAfterTheFirstLookup, 10, 5, Duration.ofMinutes(10));
        String token = Tokens.sign(Tokens.brandClaims().build());

        assertThat(service.validate(token).block().isValid()).as("verified before the key was dropped").isTrue();

        assertThat(caches.accepted().asMap()).isEmpty();
        assertThat(service.validate(token).block().reason()).isEqualTo(RejectionReason.BAD_HEADER);
    }

    private boolean storeIsUp() {
        onStoreCheck.run();
        return storeUp.get();
    }

    private static void await(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
