package io.tollgate.validation;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.validation.jwks.*}: where a split gateway reads the issuer's public keys.
 *
 * @param uri the issuer's JWK set, say {@code http://tollgate-issuer:8080/.well-known/jwks.json};
 *     when set, tokens are verified with its keys instead of the local key ring. Required when
 *     {@code tollgate.issuer.enabled=false}
 * @param refreshInterval how often the set is read again in the background, so that requests never
 *     wait for a routine refresh
 * @param refetchMinInterval the least time between two reads caused by tokens naming an unknown
 *     {@code kid} (so a flood of made-up key ids cannot hammer the issuer), and the delay before a
 *     failed read is retried
 * @param timeout the longest one read may take
 */
@Validated
@ConfigurationProperties("tollgate.validation.jwks")
public record JwksProperties(
        URI uri,
        @NotNull @DefaultValue("5m") Duration refreshInterval,
        @NotNull @DefaultValue("30s") Duration refetchMinInterval,
        @NotNull @DefaultValue("5s") Duration timeout) {

    public JwksProperties {
        if (uri != null && !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("tollgate.validation.jwks.uri must be an http or https URL");
        }
        requirePositive(refreshInterval, "refresh-interval");
        requirePositive(refetchMinInterval, "refetch-min-interval");
        requirePositive(timeout, "timeout");
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("tollgate.validation.jwks." + key + " must be positive");
        }
    }
}
