package io.tollgate.gateway;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.cloud.gateway.route.RouteLocator;

/**
 * Reads every route's policy once at start, so a typo in {@code metadata.tollgate} stops the
 * start with the route's id instead of failing that route's requests later.
 */
final class RoutePolicyCheck implements ApplicationRunner {

    private final RouteLocator routes;
    private final RoutePolicies policies;

    RoutePolicyCheck(RouteLocator routes, RoutePolicies policies) {
        this.routes = routes;
        this.policies = policies;
    }

    @Override
    public void run(ApplicationArguments args) {
        routes.getRoutes().doOnNext(policies::forRoute).then().block();
    }
}
