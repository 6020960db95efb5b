package io.tollgate.revocation;

import io.tollgate.issuer.IssuerProperties;
import io.tollgate.store.RevocationStore;
import io.tollgate.token.ExternalTokenLifetimes;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a cut-off must be kept: until the last instant a token or refresh token it ends could
 * still be accepted. A token it ends was issued before it, so that is the cut-off plus the longest
 * lifetime of what it ends, plus {@link RevocationStore#LONGEST_CLOCK_SKEW} (any replica's skew,
 * as for token revocations). After that, forgetting it changes no answer.
 *
 * @param brand lifetime of brand tokens
 * @param channel lifetime of channel tokens
 * @param oauthUser the longer of a person's access tokens and of a grant's refresh tokens
 *     (counted from the grant, which began before the cut-off)
 * @param oauthApp lifetime of client-credentials tokens
 * @param external the longest lifetime of each external issuer's tokens, which the guard enforces
 *     ({@code max-lifetime}): a cut-off naming that issuer is kept as long, whatever its target
 */
record CutOffRetention(
        Duration brand, Duration channel, Duration oauthUser, Duration oauthApp, ExternalTokenLifetimes external) {

    static CutOffRetention of(IssuerProperties.Lifetimes lifetimes, ExternalTokenLifetimes external) {
        return new CutOffRetention(lifetimes.brand(), lifetimes.channel(),
                longer(lifetimes.oauthUser(), lifetimes.refreshToken()), lifetimes.clientCredentials(), external);
    }

    /** The instant after which the cut-off {@code cutOff} of {@code target} ends nothing. */
    Instant keptUntil(CutOffTarget target, Instant cutOff) {
        return cutOff.plus(longestLifetime(target)).plus(RevocationStore.LONGEST_CLOCK_SKEW);
    }

    private Duration longestLifetime(CutOffTarget target) {
        Duration externalLifetime = external.of(target.issuer());
        if (externalLifetime != null) {
            return externalLifetime;
        }
        if (target instanceof CutOffTarget.Subject subject) {
            return switch (subject.kind()) {
                case BRAND -> brand;
                case CHANNEL -> channel;
                case OAUTH_USER -> oauthUser;
                case OAUTH_APP -> oauthApp;
            };
        }
        return longer(oauthUser, oauthApp);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
