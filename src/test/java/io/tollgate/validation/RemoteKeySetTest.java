package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.observability.MeterNames;
import io.tollgate.store.FailurePolicy;
import io.tollgate.store.MemoryCutOffStore;
import io.tollgate.store.MemoryRevocationStore;
import io.tollgate.store.StoreAvailability;
import io.tollgate.support.BlockingGuard;
import io.tollgate.support.LogCapture;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TrustedIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A split gateway's copy of the issuer's keys, against a real HTTP server that counts its reads:
 * refresh ahead, rate-limited refetch on an unknown {@code kid}, the last good keys kept through
 * failures. BlockHound is installed, so the reads prove they never block an event loop.
 */
class RemoteKeySetTest {

    private static final ConditionFactory WAIT =
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));

    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock();
    private final JwksServer issuer = new JwksServer();
    private RemoteKeySet keys;

    @BeforeAll
    static void guard() {
        BlockingGuard.install();
    }

    @AfterEach
    void close() {
        if (keys != null && keys.isRunning()) {
            keys.stop();
        }
        issuer.server.disposeNow();
    }

    @Test
    void theKeysAreReadAtStartAndReadinessWaitsForThem() {
        issuer.publish(TestKeys.ACTIVE, TestKeys.EC);
        keys = remoteKeys(Duration.ofMinutes(5));
        KeysHealthIndicator health = new KeysHealthIndicator(keys, true);
        assertThat(keys.keysLoaded()).isFalse();
        assertThat(health.health().block().getStatus()).isEqualTo(Status.DOWN);

        keys.start();
        WAIT.until(keys::keysLoaded);

        assertThat(health.health().block().getStatus()).isEqualTo(Status.UP);
        assertThat(keys.find("rs-active").algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(keys.find("ec-1").algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(keys.find("rs-next")).isNull();
        assertThat(issuer.reads.get()).isEqualTo(1);
        assertThat(refreshes("success")).isEqualTo(1);
    }

    @Test
    void theSetIsReadAgainOnScheduleAheadOfNeed() {
        issuer.publish(TestKeys.ACTIVE);
        keys = remoteKeys(Duration.ofMillis(200));
        keys.start();
        WAIT.until(keys::keysLoaded);

        issuer.publish(TestKeys.ACTIVE, TestKeys.NEXT);
        WAIT.until(() -> keys.find("rs-next") != null);

        assertThat(issuer.reads.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnknownKidIsRefetchedAtMostOncePerInterval() {
        issuer.publish(TestKeys.ACTIVE);
        keys = loaded(remoteKeys(Duration.ofMinutes(5)));
        int readsBefore = issuer.reads.get();

        issuer.publish(TestKeys.ACTIVE, TestKeys.NEXT);
        assertThat(keys.refetch("rs-next").block()).isTrue();
        assertThat(issuer.reads.get() - readsBefore).isEqualTo(1);

        for (int i = 0; i < 10; i++) {
            assertThat(keys.refetch("made-up-" + i).block()).isFalse();
        }
        assertThat(issuer.reads.get() - readsBefore).as("no read within the interval").isEqualTo(1);

        clock.advance(REFETCH_INTERVAL);
        assertThat(keys.refetch("made-up-10").block()).isFalse();
        assertThat(keys.refetch("made-up-11").block()).isFalse();
        assertThat(issuer.reads.get() - readsBefore).as("one more read once the interval is over").isEqualTo(2);
    }

    @Test
    void lookupsDuringARefetchJoinIt() {
        issuer.publish(TestKeys.ACTIVE);
        keys = loaded(remoteKeys(Duration.ofMinutes(5)));
        int readsBefore = issuer.reads.get();
        issuer.publish(TestKeys.ACTIVE, TestKeys.NEXT);
        Sinks.Empty<Void> release = Sinks.empty();
        issuer.gate = release.asMono();

        List<Mono<Boolean>> lookups = Flux.range(0, 16).map(i -> keys.refetch("rs-next").cache()).collectList().block();
        lookups.forEach(Mono::subscribe);
        WAIT.until(() -> issuer.reads.get() - readsBefore == 1);
        release.tryEmitEmpty();

        assertThat(Flux.concat(lookups).collectList().block()).hasSize(16).containsOnly(true);
        assertThat(issuer.reads.get() - readsBefore).isEqualTo(1);
    }

    @Test
    void aFailedReadKeepsTheLastGoodKeysAndIsCountedAndLogged() {
        LogCapture.attach();
        issuer.publish(TestKeys.ACTIVE);
        keys = loaded(remoteKeys(Duration.ofMinutes(5)));

        issuer.status = 500;
        clock.advance(REFETCH_INTERVAL);
        assertThat(keys.refetch("rs-next").block()).isFalse();
        issuer.status = 200;
        issuer.body = "<html>maintenance</html>";
        clock.advance(REFETCH_INTERVAL);
        assertThat(keys.refetch("rs-next").block()).isFalse();

        assertThat(keys.keysLoaded()).isTrue();
        assertThat(keys.find("rs-active")).isNotNull();
        assertThat(refreshes("failure")).isEqualTo(2);
        assertThat(LogCapture.linesContainingAny(List.of("Reading the JWK set at http://127.0.0.1:" + issuer.port())))
                .anyMatch(line -> line.contains("(HTTP 500)"))
                .anyMatch(line -> line.contains("(The response is not a JWK set)"))
                .noneMatch(line -> line.contains("maintenance"));
    }

    @Test
    void aTokenSignedWithANewKeyWaitsForTheRefetchAndIsAccepted() {
        issuer.publish(TestKeys.ACTIVE);
        keys = loaded(remoteKeys(Duration.ofMinutes(5)));
        ValidationService validation = validation(keys);
        String rotated = Tokens.sign(Tokens.activeHeader().keyID("rs-next").build(), Tokens.brandClaims().build(),
                signer(TestKeys.NEXT));
        String unknown = Tokens.sign(Tokens.activeHeader().keyID("rs-unknown").build(), Tokens.brandClaims().build(),
                signer(TestKeys.NEXT));

        issuer.publish(TestKeys.ACTIVE, TestKeys.NEXT);
        ValidationResult result = validation.validate(rotated).block();
        assertThat(result.isValid()).isTrue();
        assertThat(result.token().subject()).isEqualTo("acme");
        assertThat(validation.validate(unknown).block().reason()).isEqualTo(RejectionReason.BAD_HEADER);
        assertThat(validation.validate(Tokens.sign(Tokens.brandClaims().build())).block().isValid()).isTrue();
    }

    private RemoteKeySet remoteKeys(Duration refreshInterval) {
        return new RemoteKeySet(Tokens.ISSUER,
                new JwksClient(URI.create("http://127.0.0.1:" + issuer.port() + "/.well-known/jwks.json"),
                        Duration.ofSeconds(5), SignatureCrypto.jdk()),
                refreshInterval, REFETCH_INTERVAL, clock, JwksRefreshMeters.register(registry, "tollgate"));
    }

    /**
     * The key set after a first read, with no schedule running (every later read is a refetch) and
     * the clock moved past that read's rate-limit interval.
     */
    private RemoteKeySet loaded(RemoteKeySet keys) {
        assertThat(keys.refetch("rs-active").block()).isTrue();
        clock.advance(REFETCH_INTERVAL);
        return keys;
    }

    private ValidationService validation(TrustedIssuer trusted) {
        ValidationProperties properties = new ValidationProperties(Duration.ofSeconds(30), 8192,
                new ValidationProperties.Cache(100, 100, Duration.ofMinutes(10)),
                new ValidationProperties.NegativeCache(100, Duration.ofSeconds(30)));
        return new ValidationService(new TokenVerifier(trusted, Duration.ofSeconds(30), SignatureCrypto.jdk()),
                new RevocationCheck(new MemoryRevocationStore(Clock.systemUTC(), properties.clockSkew()),
                        new MemoryCutOffStore(Clock.systemUTC())),
                ValidationCaches.create(properties, Clock.systemUTC()),
                8192, registry.timer("cache"), registry.timer("verified"),
                StoreAvailability.ALWAYS, FailurePolicy.FAIL_CLOSED, registry.counter("fail-open"));
    }

    private double refreshes(String outcome) {
        return registry.get(MeterNames.JWKS_REFRESH).tag("issuer", "tollgate").tag("outcome", outcome).counter().count();
    }

    private static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issuer's JWKS endpoint that counts its reads and can fail or hold its answers. */
    private static final class JwksServer {

        final AtomicInteger reads = new AtomicInteger();
        volatile int status = 200;
        volatile String body = "{\"keys\":[]}";
        volatile Mono<Void> gate = Mono.empty();
        final DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    reads.incrementAndGet();
                    return gate.then(Mono.defer(() -> response.status(status)
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just(body))
                            .then()));
                })
                .bindNow();

        void publish(JWK... keys) {
            body = new JWKSet(List.of(keys)).toString();
        }

        int port() {
            return server.port();
        }
    }

    /** A clock the test moves by hand, so the rate limit is tested without waiting for it. */
    private static final class MutableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
