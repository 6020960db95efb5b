package io.tollgate.validation;

import io.tollgate.token.TrustedIssuer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * One trusted issuer's part of the {@code keys} component of the readiness group ({@link
 * #of}: one child per issuer id): up once its keys are in hand. Tollgate's own keys always count
 * (the local key ring at once; a split gateway after its first read of the issuer's JWK set),
 * since without them every Tollgate token would be rejected: until then, down. An external issuer
 * not read yet is down only with {@code required: true}; otherwise it reports {@code UNKNOWN},
 * which Spring Boot's aggregation ranks below {@code UP}, so a provider that was never reached
 * shows itself without taking the pod out of service for every other issuer's tokens.
 */
final class KeysHealthIndicator implements ReactiveHealthIndicator {

    private static final Mono<Health> UP = Mono.just(Health.up().build());
    private static final Mono<Health> DOWN =
            Mono.just(Health.down().withDetail("reason", "the issuer's JWK set has not been read yet").build());
    private static final Mono<Health> NOT_READ = Mono.just(Health.status(Status.UNKNOWN)
            .withDetail("reason", "the issuer's JWK set has not been read yet").build());

    private final TrustedIssuer keys;
    private final boolean required;

    KeysHealthIndicator(TrustedIssuer keys, boolean required) {
        this.keys = keys;
        this.required = required;
    }

    /**
     * The {@code keys} component: with external issuers, one child per trusted issuer, by id;
     * with Tollgate's own alone, that issuer's indicator, so the readiness body of a deployment
     * without external issuers stays as it was.
     */
    static ReactiveHealthContributor of(TrustedIssuers issuers) {
        Map<String, ReactiveHealthContributor> children = new LinkedHashMap<>();
        for (IssuerTrust trust : issuers.all()) {
            children.put(trust.id(), new KeysHealthIndicator(trust.keys(), trust.required()));
        }
        return children.size() == 1
                ? children.values().iterator().next()
                : CompositeReactiveHealthContributor.fromMap(children);
    }

    @Override
    public Mono<Health> health() {
        if (keys.keysLoaded()) {
            return UP;
        }
        return required ? DOWN : NOT_READ;
    }
}
