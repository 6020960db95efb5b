package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import java.util.Map;

/**
 * What {@link Guard} decided about one request: admitted, with the caller its token names (none on
 * an open route or for an anonymous caller), or refused, with the answer the route gives. Either
 * way, {@code headers} are the response headers the decision adds: the rate limit's {@code
 * X-API-Rate-*} and, when throttled, {@code Retry-After}.
 *
 * @param verdict the guard's verdict ({@link Verdict#ANONYMOUS} on an open route)
 * @param caller the admitted caller's validated token, or {@code null}
 * @param rejection the route's answer to a refused request, or {@code null} when admitted
 * @param headers response headers to add, whatever the outcome
 */
public record GuardDecision(Verdict verdict, AccessToken caller, Rejection rejection, Map<String, String> headers) {

    /** An open route's request, or an anonymous caller's, outside any rate limit. */
    static final GuardDecision OPEN = new GuardDecision(Verdict.ANONYMOUS, null, null, Map.of());

    public GuardDecision {
        headers = Map.copyOf(headers);
    }

    static GuardDecision admitted(Verdict verdict, AccessToken caller, Map<String, String> headers) {
        return new GuardDecision(verdict, caller, null, headers);
    }

    static GuardDecision refused(Verdict verdict, Rejection rejection, Map<String, String> headers) {
        return new GuardDecision(verdict, null, rejection, headers);
    }

    public boolean admits() {
        return rejection == null;
    }
}
