package io.tollgate.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.token.TokenKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configured rate-limit tiers, made once with their meters.
 *
 * @param byKind the caller tier of each token kind
 * @param clientAddress the tier of the token endpoints, per client address
 */
record RateLimitTiers(Map<TokenKind, RateLimitTier> byKind, RateLimitTier clientAddress) {

    static RateLimitTiers of(RateLimitProperties properties, MeterRegistry registry) {
        return new RateLimitTiers(Map.of(
                        TokenKind.BRAND, RateLimitTier.of("brand", properties.brand(), registry),
                        TokenKind.CHANNEL, RateLimitTier.of("channel", properties.channel(), registry),
                        TokenKind.OAUTH_USER, RateLimitTier.of("oauth-user", properties.oauthUser(), registry),
                        TokenKind.OAUTH_APP, RateLimitTier.of("oauth-app", properties.oauthApp(), registry)),
                RateLimitTier.of("client-address", properties.clientAddress(), registry));
    }

    List<RateLimitTier> all() {
        return Stream.concat(byKind.values().stream(), Stream.of(clientAddress))
                .toList();
    }

    Duration longestWindow() {
        return Duration.ofSeconds(all().stream().mapToLong(RateLimitTier::windowSeconds).max().orElse(1));
    }
}
