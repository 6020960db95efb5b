package io.tollgate.gateway;

import io.tollgate.validation.ValidationResult;
import io.tollgate.validation.ValidationService;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * The guard's decision on one request under one route policy: extract the credential ({@link
 * TokenExtractor}), validate it (cache first, {@link ValidationService}), check it against the
 * policy ({@link PolicyCheck}), take it from the route's rate limit ({@link RouteRateLimits}), and
 * admit the caller, or refuse in the route's dialect ({@link ErrorDialects}); every verdict is
 * counted ({@link GuardMeters}). The one place this is decided: the proxy's {@link
 * TokenGuardFilter} and forward authentication's {@code /auth/check} ({@link ForwardAuthHandler})
 * only carry the decision out, so a request is judged alike whichever way it comes.
 *
 * <p>It reads the request and touches neither the exchange nor the response: the caller writes
 * the decision's headers, its identity and its rejection where it answers.
 */
public final class Guard {

    private static final Mono<GuardDecision> OPEN = Mono.just(GuardDecision.OPEN);

    private final ValidationService validation;
    private final GuardMeters meters;
    private final ErrorDialects dialects;
    private final RouteRateLimits limits;

    Guard(ValidationService validation, GuardMeters meters, ErrorDialects dialects, RouteRateLimits limits) {
        this.validation = validation;
        this.meters = meters;
        this.dialects = dialects;
        this.limits = limits;
    }

    public Mono<GuardDecision> decide(ServerHttpRequest request, RoutePolicy policy) {
        if (policy.auth() == AuthMode.NONE) {
            return limits.applies(policy, null) ? limits.admit(request, policy, Verdict.ANONYMOUS, null) : OPEN;
        }
        PresentedToken presented = TokenExtractor.extract(request.getHeaders(), policy.schemes());
        if (presented.problem() == Verdict.MISSING && policy.auth() == AuthMode.OPTIONAL) {
            meters.count(Scheme.NONE, Verdict.ANONYMOUS);
            return limits.applies(policy, null) ? limits.admit(request, policy, Verdict.ANONYMOUS, null) : OPEN;
        }
        if (presented.problem() != null) {
            return Mono.just(refuse(policy, null, presented.scheme(), presented.problem()));
        }
        return validation.validate(presented.token())
                .flatMap(result -> judge(request, policy, presented.scheme(), result));
    }

    private Mono<GuardDecision> judge(
            ServerHttpRequest request, RoutePolicy policy, Scheme scheme, ValidationResult result) {
        Verdict verdict = result.isValid() ? PolicyCheck.check(policy, result.token()) : Verdict.of(result.reason());
        if (!verdict.admits()) {
            return Mono.just(refuse(policy, result.issuer(), scheme, verdict));
        }
        meters.count(result.issuer(), scheme, verdict);
        return limits.admit(request, policy, verdict, result.token());
    }

    /** @param issuer the configured id of the token's issuer, {@code null} when none is known */
    private GuardDecision refuse(RoutePolicy policy, String issuer, Scheme scheme, Verdict verdict) {
        meters.count(issuer, scheme, verdict);
        return GuardDecision.refused(verdict, dialects.of(policy.dialect()).rejection(verdict, policy), Map.of());
    }
}
