package io.tollgate.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The {@code keys} component of the readiness group, with one detail per trusted issuer ({@code
 * up}, or {@code not read yet}): up once the keys of every issuer readiness waits for are in hand.
 * Tollgate's own keys always count (the local key ring at once; a split gateway after its first
 * read of the issuer's JWK set): without them every Tollgate token would be rejected. An external
 * issuer counts only with {@code required: true}; otherwise one that was never reached leaves the
 * pod ready for every other issuer's tokens, and reports itself here.
 */
final class KeysHealthIndicator implements ReactiveHealthIndicator {

    private static final String UP = "up";
    private static final String NOT_READ = "not read yet";

    private final TrustedIssuers issuers;

    KeysHealthIndicator(TrustedIssuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::check);
    }

    private Health check() {
        Map<String, String> states = new LinkedHashMap<>();
        boolean ready = true;
        for (IssuerTrust trust : issuers.all()) {
            boolean loaded = trust.keys().keysLoaded();
            states.put(trust.id(), loaded ? UP : NOT_READ);
            ready &= loaded || !trust.required();
        }
        Health.Builder health = ready ? Health.up() : Health.down();
        if (!ready) {
            health.withDetail("reason", "the JWK set of a required issuer has not been read yet");
        }
        return health.withDetail("issuers", states).build();
    }
}
