package io.tollgate.validation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.observability.MeterNames;
import io.tollgate.store.CutOffStore;
import io.tollgate.store.RevocationStore;
import io.tollgate.store.StoreAvailability;
import io.tollgate.store.StoreProperties;
import io.tollgate.token.AccessToken;
import io.tollgate.token.ExternalTokenLifetimes;
import io.tollgate.token.TollgateIssuerUri;
import io.tollgate.token.TrustedIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Wires the validation service: nimbus verifier, Caffeine caches and their meters, and the keys
 * tokens are checked with: the local key ring of the issuer module, or, in a split deployment, the
 * issuer's JWK set read over HTTP.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    /**
     * SLO buckets of {@code tollgate_validation_seconds}, around where verdicts fall: a cache hit in
     * a microsecond or less, an RS256 verification in tens of microseconds, a wait on another
     * request's verification or on a JWK set refetch in milliseconds. Thirteen buckets per source,
     * not the hundred-odd of a percentile histogram, and enough for {@code histogram_quantile}.
     */
    private static final Duration[] VALIDATION_BUCKETS = {
        Duration.ofNanos(500), Duration.ofNanos(1_000), Duration.ofNanos(2_500), Duration.ofNanos(5_000),
        Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
        Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
        Duration.ofMillis(100)
    };

    /**
     * The issuer's keys read from {@code tollgate.validation.jwks.uri}. Preferred over the local key
     * ring when both exist (an issuer pod told to trust a remote set does so).
     */
    @Bean
    @Primary
    @Conditional(RemoteKeysWanted.class)
    RemoteKeySet remoteKeySet(
            JwksProperties jwks, TollgateIssuerUri issuer, SignatureCrypto crypto, Clock clock, JwksRefreshMeters meters) {
        if (jwks.uri() == null) {
            throw new IllegalStateException("tollgate.validation.jwks.uri is required when tollgate.issuer.enabled"
                    + " is false: a gateway without the issuer verifies tokens with the public keys of the issuer's"
                    + " JWK set, say http://tollgate-issuer:8080/.well-known/jwks.json");
        }
        return new RemoteKeySet(issuer.issuerUri().toString(), new JwksClient(jwks.uri(), jwks.timeout(), crypto),
                jwks.refreshInterval(), jwks.refetchMinInterval(), clock, meters);
    }

    /** The reads of Tollgate's own JWK set; each external issuer's are registered with its key set. */
    @Bean
    JwksRefreshMeters jwksRefreshMeters(MeterRegistry registry) {
        return JwksRefreshMeters.register(registry, AccessToken.TOLLGATE);
    }

    /**
     * Every trusted issuer: Tollgate's own keys ({@code keys}) and the external issuers of {@code
     * tollgate.validation.issuers}, checked at start ({@link ExternalIssuerCheck}).
     */
    @Bean
    TrustedIssuers trustedIssuers(
            TrustedIssuer keys,
            ExternalIssuersProperties external,
            ValidationProperties properties,
            JwksProperties jwks,
            SignatureCrypto crypto,
            Clock clock,
            MeterRegistry registry) {
        List<ExternalIssuer> issuers = ExternalIssuerCheck.check(external, keys.issuer());
        return ExternalIssuerTrust.registry(
                TrustedIssuers.tollgate(keys, properties.clockSkew(), crypto), issuers,
                new ExternalIssuerTrust(properties.clockSkew(), jwks, crypto, clock, registry));
    }

    /** How long a cut-off naming an external issuer is kept: its {@code max-lifetime}. */
    @Bean
    ExternalTokenLifetimes externalTokenLifetimes(TrustedIssuers issuers) {
        return issuers.externalLifetimes();
    }

    /** Named so that the health endpoint calls the component {@code keys} (a child per issuer, if several). */
    @Bean
    ReactiveHealthContributor keysHealthContributor(TrustedIssuers issuers) {
        return KeysHealthIndicator.of(issuers);
    }

    @Bean
    TokenVerifier tokenVerifier(TrustedIssuers issuers) {
        return new TokenVerifier(issuers);
    }

    /**
     * The verdict caches, which forget the tokens of a key an issuer drops ({@link
     * ValidationCaches#forget}).
     */
    @Bean
    ValidationCaches validationCaches(
            ValidationProperties properties, Clock clock, MeterRegistry registry, TrustedIssuers issuers) {
        ValidationCaches caches = ValidationCaches.create(properties, clock);
        for (IssuerTrust trust : issuers.all()) {
            trust.keys().onKeysChanged(change -> caches.forget(trust.id(), change));
        }
        CaffeineCacheMetrics.monitor(registry, caches.hot(), MeterNames.HOT_CACHE);
        CaffeineCacheMetrics.monitor(registry, caches.accepted(), MeterNames.ACCEPTED_CACHE);
        CaffeineCacheMetrics.monitor(registry, caches.rejected(), MeterNames.REJECTED_CACHE);
        return caches;
    }

    /** The guard's revocation step, also asked by the refresh grant about cut-offs. */
    @Bean
    RevocationCheck revocationCheck(RevocationStore revocations, CutOffStore cutOffs) {
        return new RevocationCheck(revocations, cutOffs);
    }

    @Bean
    ValidationService validationService(
            TokenVerifier verifier,
            RevocationCheck revocations,
            ValidationCaches caches,
            ValidationProperties properties,
            StoreAvailability store,
            StoreProperties storeProperties,
            MeterRegistry registry) {
        return new ValidationService(verifier, revocations, caches, properties.maxTokenLength(),
                validationTimer(registry, "cache"), validationTimer(registry, "verified"),
                store, storeProperties.onFailure(), failOpenCounter(registry));
    }

    static Counter failOpenCounter(MeterRegistry registry) {
        return Counter.builder(MeterNames.STORE_FAIL_OPEN)
                .description("Unseen tokens admitted on signature and expiry alone while the store was down")
                .register(registry);
    }

    static Timer validationTimer(MeterRegistry registry, String source) {
        return Timer.builder(MeterNames.VALIDATION_TIME)
                .description("Time to a verdict on a token, served from cache or verified")
                .tag("source", source)
                .serviceLevelObjectives(VALIDATION_BUCKETS)
                .register(registry);
    }

    /**
     * A remote key set is made when a JWK set URL is configured, and also when the issuer is off,
     * so that a gateway-only pod missing the URL fails its start with a message saying so.
     */
    static final class RemoteKeysWanted extends AnyNestedCondition {

        RemoteKeysWanted() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("tollgate.validation.jwks.uri")
        static final class JwksUriSet {}

        @ConditionalOnBooleanProperty(name = "tollgate.issuer.enabled", havingValue = false)
        static final class IssuerDisabled {}
    }
}
