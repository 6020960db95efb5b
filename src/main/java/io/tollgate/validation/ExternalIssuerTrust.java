package io.tollgate.validation;

import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.token.TrustedIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import reactor.core.publisher.Mono;

/**
 * Makes what an external issuer's tokens are checked with ({@link IssuerTrust}): its own JWK set
 * ({@link RemoteKeySet} and {@link JwksClient}, with the refresh-ahead and rate-limited refetch of
 * {@code tollgate.validation.jwks.*}, keys outside its pinned algorithms skipped), its {@code typ}
 * headers, and the claims rules: exact {@code iss}, {@code exp}/{@code nbf} with the skew, {@code
 * aud} containing one of its audiences, {@code exp}, {@code iat} and the subject claim present, and
 * {@code exp} no further than its {@code max-lifetime} from {@code iat} ({@link
 * BoundedLifetimeClaimsVerifier}).
 *
 * <p>An issuer found by discovery has its metadata read at start, so that a document naming
 * another issuer stops the start. An issuer unreachable then does not stop it: its keys are read
 * in the background like any other's, and readiness waits for them only with {@code required:
 * true} (choice: a down identity provider should not take down the routes of every other issuer).
 */
final class ExternalIssuerTrust {

    private static final Logger log = LoggerFactory.getLogger(ExternalIssuerTrust.class);

    private final Duration clockSkew;
    private final JwksProperties jwks;
    private final SignatureCrypto crypto;
    private final Clock clock;
    private final MeterRegistry registry;

    /** @param registry where each issuer's {@link JwksRefreshMeters} are registered */
    ExternalIssuerTrust(
            Duration clockSkew, JwksProperties jwks, SignatureCrypto crypto, Clock clock, MeterRegistry registry) {
        this.clockSkew = clockSkew;
        this.jwks = jwks;
        this.crypto = crypto;
        this.clock = clock;
        this.registry = registry;
    }

    /** The registry of Tollgate's issuer {@code tollgate} and every external one. */
    static TrustedIssuers registry(IssuerTrust tollgate, List<ExternalIssuer> issuers, ExternalIssuerTrust trust) {
        List<IssuerTrust> all = new ArrayList<>();
        List<RemoteKeySet> keySets = new ArrayList<>();
        all.add(tollgate);
        for (ExternalIssuer issuer : issuers) {
            RemoteKeySet keys = trust.keys(issuer);
            keySets.add(keys);
            all.add(trust.of(issuer, keys));
        }
        return new TrustedIssuers(all, keySets);
    }

    IssuerTrust of(ExternalIssuer issuer, TrustedIssuer keys) {
        DefaultJWTClaimsVerifier<SecurityContext> claims = new BoundedLifetimeClaimsVerifier(
                issuer.audiences(), issuer.issuer(), Set.of("iss", "exp", "iat", issuer.claims().subject()),
                issuer.maxLifetime());
        claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        SignatureCheck signature = new SignatureCheck(new PinnedKeySelector(keys), crypto.verifierFactory(),
                new DefaultJOSEObjectTypeVerifier<>(issuer.types()));
        return new IssuerTrust(issuer.id(), issuer.issuer(), keys, signature, claims, issuer.claims(),
                issuer.required(), issuer.maxLifetime());
    }

    RemoteKeySet keys(ExternalIssuer issuer) {
        Supplier<Mono<URI>> location;
        String source;
        if (issuer.jwksUri() != null) {
            URI uri = issuer.jwksUri();
            location = () -> Mono.just(uri);
            source = JwksClient.source(uri);
        } else {
            IssuerDiscovery discovery = new IssuerDiscovery(issuer.issuer(), jwks.timeout());
            discoverAtStart(issuer, discovery);
            location = discovery::jwksUri;
            source = "the metadata of " + issuer.issuer();
        }
        return new RemoteKeySet(issuer.issuer(),
                new JwksClient(location, source, jwks.timeout(), crypto, issuer.algorithms()),
                jwks.refreshInterval(), jwks.refetchMinInterval(), clock,
                JwksRefreshMeters.register(registry, issuer.id()));
    }

    /**
     * Reads the issuer's metadata once, on the thread that starts the application (never an event
     * loop): a document naming another issuer stops the start; an unreachable one is logged, and
     * read again with the keys.
     */
    private static void discoverAtStart(ExternalIssuer issuer, IssuerDiscovery discovery) {
        try {
            discovery.jwksUri().block();
        } catch (RuntimeException e) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            if (e instanceof IssuerDiscovery.IssuerMismatch mismatch) {
                throw new InvalidConfigurationException("issuer " + issuer.id() + ": its discovery document names "
                        + "the issuer " + mismatch.named() + ", not " + issuer.issuer() + ": set issuer to the exact "
                        + "iss of its tokens, or name its jwks-uri", "tollgate.validation.issuers in application.yml");
            }
            log.warn("The metadata of issuer {} could not be read at start ({}); reading it again with its keys",
                    issuer.id(), cause.getClass().getSimpleName());
        }
    }
}
