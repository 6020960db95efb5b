package io.tollgate.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The {@code store} component of readiness: UP while the state store is reachable and this
 * replica's revocation set is current, DOWN otherwise, so a load balancer sends no traffic to a
 * replica that would refuse it.
 */
final class StoreHealthIndicator implements ReactiveHealthIndicator {

    private final StoreAvailability availability;
    private final StoreProperties.Type type;

    StoreHealthIndicator(StoreAvailability availability, StoreProperties.Type type) {
        this.availability = availability;
        this.type = type;
    }

    @Override
    public Mono<Health> health() {
        Health.Builder health = availability.isAvailable() ? Health.up() : Health.down();
        return Mono.just(health.withDetail("type", type.name().toLowerCase()).build());
    }
}
