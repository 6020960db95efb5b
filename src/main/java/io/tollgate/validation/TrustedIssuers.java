package io.tollgate.validation;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.token.AccessToken;
import io.tollgate.token.AccessTokenClaims;
import io.tollgate.token.ExternalTokenLifetimes;
import io.tollgate.token.TrustedIssuer;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.SmartLifecycle;

/**
 * Every issuer whose tokens are accepted, Tollgate's own included ({@link AccessToken#TOLLGATE}:
 * the embedded key ring, or a split gateway's copy of the issuer's JWK set), by the exact {@code
 * iss} of its tokens and by its configured id. A token is checked against the issuer its {@code
 * iss} names, and with that issuer's keys only, as nimbus's {@code JWTClaimsSetAwareJWSKeySelector}
 * does: two issuers that publish the same {@code kid} never verify each other's tokens.
 *
 * <p>It runs the background refresh of each external issuer's JWK set ({@link RemoteKeySet}, one
 * per issuer, so an issuer that is down delays no other issuer's tokens); Tollgate's own keys are
 * a bean of their own and run as before.
 */
public final class TrustedIssuers implements SmartLifecycle {

    private final Map<String, IssuerTrust> byIssuer;
    private final Map<String, IssuerTrust> byId;
    private final List<RemoteKeySet> external;
    private volatile boolean running;

    TrustedIssuers(List<IssuerTrust> issuers, List<RemoteKeySet> external) {
        Map<String, IssuerTrust> issuerMap = new LinkedHashMap<>();
        Map<String, IssuerTrust> idMap = new LinkedHashMap<>();
        for (IssuerTrust trust : issuers) {
            if (issuerMap.putIfAbsent(trust.issuer(), trust) != null || idMap.putIfAbsent(trust.id(), trust) != null) {
                throw new IllegalArgumentException("The issuer " + trust.id() + " is trusted twice");
            }
        }
        this.byIssuer = Map.copyOf(issuerMap);
        this.byId = Collections.unmodifiableMap(idMap);
        this.external = List.copyOf(external);
    }

    /** Only Tollgate's own tokens, checked with {@code keys}. */
    public static TrustedIssuers tollgateOnly(TrustedIssuer keys, Duration clockSkew, SignatureCrypto crypto) {
        return new TrustedIssuers(List.of(tollgate(keys, clockSkew, crypto)), List.of());
    }

    /**
     * Tollgate's own issuer: {@code typ} {@code at+jwt}, the key pinned by {@code kid}, the exact
     * {@code iss}, and every claim a Tollgate token carries. The audience is the route's business.
     */
    static IssuerTrust tollgate(TrustedIssuer keys, Duration clockSkew, SignatureCrypto crypto) {
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(keys.issuer()).build(), AccessTokenClaims.REQUIRED);
        claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        return new IssuerTrust(AccessToken.TOLLGATE, keys.issuer(), keys,
                new SignatureCheck(new PinnedKeySelector(keys), crypto.verifierFactory()), claims,
                ClaimsMapping.TOLLGATE, true, null);
    }

    /** The issuer whose tokens carry exactly this {@code iss}, or {@code null}. */
    IssuerTrust byIssuer(String issuer) {
        return issuer == null ? null : byIssuer.get(issuer);
    }

    /** The issuer with this configured id, or {@code null}. */
    IssuerTrust byId(String id) {
        return byId.get(id);
    }

    /** Every issuer, Tollgate's first. */
    Collection<IssuerTrust> all() {
        return byId.values();
    }

    /** The configured issuer ids, {@code tollgate} first: what a cut-off may name. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** The {@code max-lifetime} of each external issuer: how long a cut-off naming it is kept. */
    public ExternalTokenLifetimes externalLifetimes() {
        Map<String, Duration> lifetimes = new LinkedHashMap<>();
        for (IssuerTrust trust : byId.values()) {
            if (trust.maxLifetime() != null) {
                lifetimes.put(trust.id(), trust.maxLifetime());
            }
        }
        return new ExternalTokenLifetimes(lifetimes);
    }

    @Override
    public void start() {
        external.forEach(RemoteKeySet::start);
        running = true;
    }

    @Override
    public void stop() {
        external.forEach(RemoteKeySet::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
