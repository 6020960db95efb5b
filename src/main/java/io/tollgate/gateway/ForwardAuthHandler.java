package io.tollgate.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Forward authentication, {@code /auth/check} on the traffic port: an ingress (nginx's {@code
 * auth_request}, ingress-nginx's {@code auth-url}, Traefik's ForwardAuth) asks whether to let a
 * request through, and this answers as the route that would serve it would have decided. The
 * original request ({@link OriginalRequest}) is judged by the path firewall's rules ({@link
 * PathFirewall}), matched against the gateway's routes ({@link RouteLookup}; no route: {@link
 * RoutePolicy#DEFAULT}) and decided by the same {@link Guard} as a proxied request: the same
 * validation cache, meters and rate-limit buckets.
 *
 * <p>Admitted: 200 with no body and the {@code X-Auth-*} headers the upstream would have received
 * ({@link IdentityRelay}), for the ingress to copy. Refused: 401 when the route would answer 401
 * (no credential, or an invalid one), 403 for anything else, since nginx turns any other status of
 * its check into a 500; the body, content type and challenge are the route's own, and {@value
 * #STATUS_HEADER} / {@value #CODE_HEADER} carry the status and the dialect's code the route would
 * have answered, from which the ingress rebuilds that answer (deploy/nginx). Headers that name no
 * original request are refused as a path the firewall refuses, in the default policy's dialect.
 */
final class ForwardAuthHandler implements HandlerFunction<ServerResponse> {

    static final String PATH = "/auth/check";
    static final String STATUS_HEADER = "X-Tollgate-Status";
    static final String CODE_HEADER = "X-Tollgate-Code";

    private static final Logger log = LoggerFactory.getLogger(ForwardAuthHandler.class);

    private final PathFirewall firewall;
    private final RouteLookup routes;
    private final RoutePolicies policies;
    private final Guard guard;
    private final Rejection unnamed;
    private final GuardMeters meters;

    ForwardAuthHandler(
            PathFirewall firewall,
            RouteLookup routes,
            RoutePolicies policies,
            Guard guard,
            ErrorDialects dialects,
            GuardMeters meters) {
        this.firewall = firewall;
        this.routes = routes;
        this.policies = policies;
        this.guard = guard;
        this.unnamed = dialects.of(RoutePolicy.DEFAULT.dialect()).rejection(Verdict.REFUSED_PATH, RoutePolicy.DEFAULT);
        this.meters = meters;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        ServerWebExchange check = request.exchange();
        return OriginalRequest.of(check.getRequest().getHeaders())
                .flatMap(original -> original.applyTo(check))
                .map(this::judge)
                .orElseGet(this::unnamedRequest);
    }

    private Mono<ServerResponse> judge(ServerWebExchange original) {
        return firewall.admits(original).flatMap(admitted -> admitted
                ? routes.routeOf(original)
                        .map(policies::forRoute)
                        .defaultIfEmpty(RoutePolicy.DEFAULT)
                        .flatMap(policy -> guard.decide(original.getRequest(), policy))
                        .flatMap(ForwardAuthHandler::answer)
                : firewall.refusal(original).flatMap(rejection -> refused(rejection, HttpHeaders.EMPTY)));
    }

    private Mono<ServerResponse> unnamedRequest() {
        log.debug("Refused a forward-authentication check whose headers name no original request");
        meters.count(Scheme.NONE, Verdict.REFUSED_PATH);
        return refused(unnamed, HttpHeaders.EMPTY);
    }

    private static Mono<ServerResponse> answer(GuardDecision decision) {
        HttpHeaders headers = new HttpHeaders();
        decision.headers().forEach(headers::set);
        if (!decision.admits()) {
            return refused(decision.rejection(), headers);
        }
        if (decision.caller() != null) {
            IdentityRelay.write(headers, decision.caller());
        }
        return ServerResponse.ok()
                .headers(response -> {
                    response.addAll(headers);
                    response.setCacheControl("no-store");
                })
                .build();
    }

    private static Mono<ServerResponse> refused(Rejection rejection, HttpHeaders extra) {
        HttpStatus status = rejection.status() == HttpStatus.UNAUTHORIZED ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        return ServerResponse.status(status)
                .headers(headers -> {
                    headers.addAll(extra);
                    headers.set(STATUS_HEADER, Integer.toString(rejection.status().value()));
                    headers.set(CODE_HEADER, rejection.code());
                    headers.setCacheControl("no-store");
                    if (rejection.challenge() != null) {
                        headers.set(HttpHeaders.WWW_AUTHENTICATE, rejection.challenge());
                    }
                })
                .contentType(rejection.contentType())
                .bodyValue(rejection.body());
    }
}
