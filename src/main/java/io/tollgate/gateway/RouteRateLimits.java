package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * The guard's rate-limit step: a route counts requests by the caller its token names (the brand,
 * the channel user or the OAuth client, in the tier of the token's kind) or by client address (the
 * token endpoints). Every counted answer carries {@code X-API-Rate-Limit}, {@code -Remaining} and
 * {@code -Window}; a refused one also {@code Retry-After}, with 429 in the route's dialect (412
 * {@code 5166} on the brand token endpoint).
 *
 * <p>Spring Cloud Gateway's {@code RequestRateLimiter} filter answers a bare status, without the
 * dialect bodies or {@code Retry-After} Tollgate's clients get, and takes one limit per route,
 * where Tollgate's depends on the token; so the decision is its rate limiter's ({@link
 * RedisCallerRateLimiter}) and the answer is worded here. With {@code tollgate.rate-limit.enabled:
 * false}, {@link #disabled()} counts nothing.
 */
final class RouteRateLimits {

    private final CallerRateLimiter limiter;
    private final ErrorDialects dialects;
    private final Map<TokenKind, RateLimitTier> callerTiers;
    private final RateLimitTier addressTier;

    RouteRateLimits(
            CallerRateLimiter limiter,
            ErrorDialects dialects,
            Map<TokenKind, RateLimitTier> callerTiers,
            RateLimitTier addressTier) {
        this.limiter = limiter;
        this.dialects = dialects;
        this.callerTiers = new EnumMap<>(callerTiers);
        this.addressTier = addressTier;
    }

    /** Rate limits switched off: every request is admitted uncounted. */
    static RouteRateLimits disabled() {
        return new RouteRateLimits(null, null, Map.of(), null);
    }

    /** Whether a request of {@code caller} ({@code null}: no validated token) is counted on the route. */
    boolean applies(RoutePolicy policy, AccessToken caller) {
        return limiter != null && switch (policy.rateLimit()) {
            case NONE -> false;
            case CALLER -> caller != null;
            case CLIENT_ADDRESS -> true;
        };
    }

    /**
     * Takes the request from its bucket: admitted with {@code verdict} and {@code caller}, or
     * refused as {@link Verdict#THROTTLED} (counted in the tier's rejections, not as a guard
     * verdict). A request whose address the server cannot tell is not counted by address.
     */
    Mono<GuardDecision> admit(ServerHttpRequest request, RoutePolicy policy, Verdict verdict, AccessToken caller) {
        if (!applies(policy, caller)) {
            return Mono.just(GuardDecision.admitted(verdict, caller, Map.of()));
        }
        if (policy.rateLimit() == RateLimitKey.CALLER) {
            return limit(policy, callerTiers.get(caller.kind()), callerKey(caller), verdict, caller);
        }
        return ClientAddress.of(request)
                .map(address -> limit(policy, addressTier, address, verdict, caller))
                .orElseGet(() -> Mono.just(GuardDecision.admitted(verdict, caller, Map.of())));
    }

    private Mono<GuardDecision> limit(
            RoutePolicy policy, RateLimitTier tier, String key, Verdict verdict, AccessToken caller) {
        return limiter.tryAcquire(tier, key).map(decision -> {
            Map<String, String> headers = decision.remaining() >= 0 ? tier.headers(decision.remaining()) : Map.of();
            if (decision.allowed()) {
                return GuardDecision.admitted(verdict, caller, headers);
            }
            tier.rejections().increment();
            Map<String, String> refused = new HashMap<>(headers);
            refused.put(HttpHeaders.RETRY_AFTER, Long.toString(tier.retryAfterSeconds()));
            return GuardDecision.refused(Verdict.THROTTLED,
                    dialects.of(policy.dialect()).rejection(Verdict.THROTTLED, policy), refused);
        });
    }

    /**
     * Brands and channel users by subject; OAuth tokens by the client they were issued to, or by
     * their subject when an external issuer's token names no client. Each caller is counted within
     * its issuer: an external issuer's client {@code web} is not Tollgate's client {@code web}. An
     * issuer id holds no {@code :}, so the first one ends it.
     */
    static String callerKey(AccessToken caller) {
        String name = switch (caller.kind()) {
            case BRAND, CHANNEL -> caller.subject();
            case OAUTH_USER, OAUTH_APP -> caller.clientId().isEmpty() ? caller.subject() : caller.clientId();
        };
        return caller.issuer() + ':' + name;
    }
}
