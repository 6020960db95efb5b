package io.tollgate.gateway;

import io.tollgate.genuin.GenuinToken;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;

/**
 * Step 1 of the guard: finds the token in the headers the route accepts, {@code Authorization:
 * Bearer <t>} (scheme name in any case) and {@code gn-access-token: <t>}. Two different tokens,
 * in two headers or twice in one, are a malformed request: whichever one an upstream might read,
 * it must be the one that was checked.
 */
final class TokenExtractor {

    static final String GN_ACCESS_TOKEN = GenuinToken.HEADER;
    private static final String BEARER_PREFIX = "Bearer ";

    private TokenExtractor() {}

    static PresentedToken extract(HttpHeaders headers, Set<Scheme> schemes) {
        PresentedToken bearer = schemes.contains(Scheme.BEARER)
                ? fromHeader(headers.get(HttpHeaders.AUTHORIZATION), Scheme.BEARER, TokenExtractor::bearerToken)
                : PresentedToken.MISSING;
        PresentedToken gn = schemes.contains(Scheme.GN_ACCESS_TOKEN)
                ? fromHeader(headers.get(GN_ACCESS_TOKEN), Scheme.GN_ACCESS_TOKEN, String::trim)
                : PresentedToken.MISSING;
        if (bearer.problem() == Verdict.CONFLICT) {
            return bearer;
        }
        if (gn.problem() == Verdict.CONFLICT || bearer.token() == null) {
            return gn;
        }
        if (gn.token() == null) {
            return bearer;
        }
        return bearer.token().equals(gn.token()) ? gn : PresentedToken.conflict(Scheme.BEARER);
    }

    private static PresentedToken fromHeader(List<String> values, Scheme scheme, UnaryOperator<String> tokenOf) {
        if (values == null) {
            return PresentedToken.MISSING;
        }
        String found = null;
        for (String value : values) {
            String token = tokenOf.apply(value);
            if (token == null) {
                continue;
            }
            if (found != null && !found.equals(token)) {
                return PresentedToken.conflict(scheme);
            }
            found = token;
        }
        return found == null ? PresentedToken.MISSING : PresentedToken.of(scheme, found);
    }

    /** The token of a {@code Bearer} credential, or {@code null} for any other scheme. */
    private static String bearerToken(String authorization) {
        if (!authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return null;
        }
        return authorization.substring(BEARER_PREFIX.length()).trim();
    }
}
