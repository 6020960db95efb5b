package io.tollgate.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis adapters, used when {@code tollgate.store.type=redis}: state shared by every replica
 * through the Redis that {@code spring.data.redis.*} names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.store.type", havingValue = "redis")
public class RedisStoreConfiguration {

    @Bean
    RedisCalls redisCalls(ReactiveStringRedisTemplate redis, StoreProperties properties, MeterRegistry registry) {
        return new RedisCalls(redis, properties.redis().timeout(), registry);
    }

    @Bean
    RedisRevocationStore redisRevocationStore(RedisCalls redis, StoreProperties properties, Clock clock) {
        return new RedisRevocationStore(redis, properties.redis().keyPrefix(), properties.redis().revocationChannel(),
                clock);
    }

    @Bean
    RevocationStore revocationStore(RedisRevocationStore store, MeterRegistry registry) {
        return new CountedRevocationStore(store, registry);
    }

    @Bean
    StateStores stateStores(RedisCalls redis, StoreProperties properties, JsonMapper json, Clock clock) {
        return new RedisStateStores(redis, properties.redis().keyPrefix(), json, clock);
    }

    @Bean
    RedisStoreMonitor storeAvailability(RedisCalls redis, RedisRevocationStore revocations, StoreProperties properties) {
        return new RedisStoreMonitor(redis, revocations, properties.redis().checkInterval());
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(StoreAvailability availability) {
        return new StoreHealthIndicator(availability, StoreProperties.Type.REDIS);
    }
}
