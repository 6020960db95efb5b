package io.tollgate.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.rate-limit.*}: token buckets per caller, in a tier per token kind, and per client
 * address on the token endpoints. Shared by every replica in {@code redis} mode.
 *
 * @param enabled whether any rate limit applies
 * @param brand brand tokens, per brand
 * @param channel channel tokens, per channel user
 * @param oauthUser OAuth tokens of a person, per OAuth client
 * @param oauthApp OAuth application tokens ({@code client_credentials}), per OAuth client: the
 *     app login flow of machine callers, so a higher tier
 * @param clientAddress the token endpoints, per client address
 */
@Validated
@ConfigurationProperties("tollgate.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Valid Tier brand,
        @Valid Tier channel,
        @Valid Tier oauthUser,
        @Valid Tier oauthApp,
        @Valid Tier clientAddress) {

    /**
     * Defaults for the tiers left out. Not {@code @DefaultValue}: Spring Boot cannot build a nested
     * record from a list of default strings, and the application then failed to start whenever
     * {@code tollgate.rate-limit} did not set every tier.
     */
    public RateLimitProperties {
        brand = brand == null ? new Tier(50, 100) : brand;
        channel = channel == null ? new Tier(20, 40) : channel;
        oauthUser = oauthUser == null ? new Tier(20, 40) : oauthUser;
        oauthApp = oauthApp == null ? new Tier(100, 200) : oauthApp;
        clientAddress = clientAddress == null ? new Tier(10, 20) : clientAddress;
    }

    /**
     * A token bucket, in Spring Cloud Gateway's terms.
     *
     * @param replenishRate requests a second the bucket refills by: the sustained rate
     * @param burstCapacity the most requests in a burst: the bucket's size
     */
    public record Tier(@Min(1) int replenishRate, @Min(1) long burstCapacity) {}
}
