package io.tollgate.gateway;

import io.tollgate.genuin.GenuinToken;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * Step 1 of the guard: finds the token in the headers the route accepts, {@code Authorization:
 * Bearer <t>} (scheme name in any case) and {@code gn-access-token: <t>}.
 *
 * <p>Whichever credential an upstream reads, it must be the one that was checked, so the
 * credential headers must name at most one token, beyond doubt, whatever the route itself reads.
 * They are ambiguous ({@link Verdict#CONFLICT}, a malformed request) when either header comes more
 * than once (an upstream may take the first, the last or both joined), when an {@code
 * Authorization} header of another scheme ({@code Basic …}) comes beside a {@code gn-access-token},
 * or when the two headers carry different tokens. A lone {@code Authorization} header of another
 * scheme is no token ({@link Verdict#MISSING}), as is a token in a header the route does not read.
 */
final class TokenExtractor {

    static final String GN_ACCESS_TOKEN = GenuinToken.HEADER;
    private static final String BEARER_PREFIX = "Bearer ";

    private TokenExtractor() {}

    static PresentedToken extract(HttpHeaders headers, Set<Scheme> schemes) {
        List<String> authorization = headers.get(HttpHeaders.AUTHORIZATION);
        List<String> gn = headers.get(GN_ACCESS_TOKEN);
        if (authorization != null && authorization.size() > 1) {
            return PresentedToken.conflict(Scheme.BEARER);
        }
        if (gn != null && gn.size() > 1) {
            return PresentedToken.conflict(Scheme.GN_ACCESS_TOKEN);
        }
        String bearer = authorization == null ? null : bearerToken(authorization.get(0));
        String gnToken = gn == null ? null : gn.get(0).trim();
        if (authorization != null && gnToken != null && !gnToken.equals(bearer)) {
            return PresentedToken.conflict(Scheme.BEARER);
        }
        if (gnToken != null && schemes.contains(Scheme.GN_ACCESS_TOKEN)) {
            return PresentedToken.of(Scheme.GN_ACCESS_TOKEN, gnToken);
        }
        if (bearer != null && schemes.contains(Scheme.BEARER)) {
            return PresentedToken.of(Scheme.BEARER, bearer);
        }
        return PresentedToken.MISSING;
    }

    /** The token of a {@code Bearer} credential, or {@code null} for any other scheme. */
    private static String bearerToken(String authorization) {
        if (!authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return null;
        }
        return authorization.substring(BEARER_PREFIX.length()).trim();
    }
}
