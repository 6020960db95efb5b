package io.tollgate.gateway;

import io.tollgate.token.AccessToken;

/**
 * Step 3 of the guard: a valid token must also suit the route (issuer, kind, scopes, audience).
 * Checked on every request, cache hit or not, because the verdict cache is shared by all routes.
 *
 * <p>The issuer comes first and reads as an invalid token, not a denied one: to a route that does
 * not trust an issuer, that issuer's signature vouches for nothing, just as an unknown key's.
 */
final class PolicyCheck {

    private PolicyCheck() {}

    static Verdict check(RoutePolicy policy, AccessToken token) {
        if (!policy.issuers().contains(token.issuer())) {
            return Verdict.UNTRUSTED_ISSUER;
        }
        if (!policy.kinds().contains(token.kind())) {
            return Verdict.WRONG_KIND;
        }
        if (!token.scopes().containsAll(policy.scopes())) {
            return Verdict.WRONG_SCOPE;
        }
        if (policy.audience() != null && !token.audiences().contains(policy.audience())) {
            return Verdict.WRONG_AUDIENCE;
        }
        return Verdict.ACCEPTED;
    }
}
