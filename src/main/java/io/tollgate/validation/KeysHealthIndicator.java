package io.tollgate.validation;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The {@code keys} component of the readiness group: up once the keys that verify tokens are in
 * hand (the local key ring at once; a split gateway after its first read of the issuer's JWK set).
 * A gateway without keys would reject every token, so it should get no traffic yet.
 */
final class KeysHealthIndicator implements ReactiveHealthIndicator {

    private static final Mono<Health> UP = Mono.just(Health.up().build());
    private static final Mono<Health> DOWN =
            Mono.just(Health.down().withDetail("reason", "the issuer's JWK set has not been read yet").build());

    private final TrustedIssuer keys;

    KeysHealthIndicator(TrustedIssuer keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Health> health() {
        return keys.keysLoaded() ? UP : DOWN;
    }
}
