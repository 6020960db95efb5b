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
    private static final int NO_BEARER = -1;

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
        String bearerHeader = authorization == null ? null : authorization.get(0);
        int bearerFrom = bearerHeader == null ? NO_BEARER : bearerTokenStart(bearerHeader);
        String gnToken = gn == null ? null : gn.get(0).trim();
        if (authorization != null && gnToken != null && !sameToken(gnToken, bearerHeader, bearerFrom)) {
            return PresentedToken.conflict(Scheme.BEARER);
        }
        if (gnToken != null && schemes.contains(Scheme.GN_ACCESS_TOKEN)) {
            return PresentedToken.of(Scheme.GN_ACCESS_TOKEN, gnToken);
        }
        if (bearerFrom != NO_BEARER && schemes.contains(Scheme.BEARER)) {
            return bearerToken(bearerHeader, bearerFrom);
        }
        return PresentedToken.MISSING;
    }

    /**
     * Where the token of a {@code Bearer} credential starts (after the scheme and any spaces), or
     * {@link #NO_BEARER} for any other scheme.
     */
    private static int bearerTokenStart(String authorization) {
        if (!authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return NO_BEARER;
        }
        int from = BEARER_PREFIX.length();
        while (from < authorization.length() && authorization.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    /**
     * The token of a {@code Bearer} credential, as {@code String.trim} would cut it: read in place
     * when nothing follows it (always, but for a header with trailing spaces), so the guard copies
     * nothing on a cached hit.
     */
    private static PresentedToken bearerToken(String authorization, int from) {
        int end = tokenEnd(authorization, from);
        return end == authorization.length()
                ? PresentedToken.in(Scheme.BEARER, authorization, from)
                : PresentedToken.of(Scheme.BEARER, authorization.substring(from, end));
    }

    /** Whether the {@code Bearer} credential carries exactly {@code token}. */
    private static boolean sameToken(String token, String authorization, int from) {
        if (from == NO_BEARER) {
            return false;
        }
        int end = tokenEnd(authorization, from);
        return end - from == token.length() && authorization.regionMatches(from, token, 0, token.length());
    }

    /** The end of the token that starts at {@code from}: before any trailing spaces. */
    private static int tokenEnd(String authorization, int from) {
        int end = authorization.length();
        while (end > from && authorization.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }
}
