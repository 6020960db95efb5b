package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The tiers an operator leaves out take their defaults, the ones set keep their values. */
class RateLimitPropertiesTest {

    @Test
    void noConfigurationAtAllGivesTheDocumentedDefaults() {
        RateLimitProperties properties = bind(Map.of());

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.brand()).isEqualTo(new RateLimitProperties.Tier(50, 100));
        assertThat(properties.channel()).isEqualTo(new RateLimitProperties.Tier(20, 40));
        assertThat(properties.oauthUser()).isEqualTo(new RateLimitProperties.Tier(20, 40));
        assertThat(properties.oauthApp()).isEqualTo(new RateLimitProperties.Tier(100, 200));
        assertThat(properties.clientAddress()).isEqualTo(new RateLimitProperties.Tier(10, 20));
    }

    @Test
    void oneTierSetLeavesTheOthersAtTheirDefaults() {
        RateLimitProperties properties = bind(Map.of(
                "tollgate.rate-limit.enabled", "false",
                "tollgate.rate-limit.brand.replenish-rate", "5",
                "tollgate.rate-limit.brand.burst-capacity", "7"));

        assertThat(properties.enabled()).isFalse();
        assertThat(properties.brand()).isEqualTo(new RateLimitProperties.Tier(5, 7));
        assertThat(properties.oauthApp()).isEqualTo(new RateLimitProperties.Tier(100, 200));
    }

    private static RateLimitProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("tollgate.rate-limit", RateLimitProperties.class);
    }
}
