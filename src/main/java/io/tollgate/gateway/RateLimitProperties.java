package io.tollgate.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
        @Valid @NotNull @DefaultValue({"50", "100"}) Tier brand,
        @Valid @NotNull @DefaultValue({"20", "40"}) Tier channel,
        @Valid @NotNull @DefaultValue({"20", "40"}) Tier oauthUser,
        @Valid @NotNull @DefaultValue({"100", "200"}) Tier oauthApp,
        @Valid @NotNull @DefaultValue({"10", "20"}) Tier clientAddress) {

    /**
     * A token bucket, in Spring Cloud Gateway's terms.
     *
     * @param replenishRate requests a second the bucket refills by: the sustained rate
     * @param burstCapacity the most requests in a burst: the bucket's size
     */
    public record Tier(@Min(1) int replenishRate, @Min(1) long burstCapacity) {}
}
