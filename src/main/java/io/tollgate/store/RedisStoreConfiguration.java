package io.tollgate.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.validation.ValidationProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis adapters, used when {@code tollgate.store.type=redis}: state shared by every replica
 * through the Redis that {@code spring.data.redis.*} names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.store.type", havingValue = "redis")
public class RedisStoreConfiguration {

    /** The names {@code spring.data.redis.lettuce.read-from} may give the primary, without dashes, in lower case. */
    private static final Set<String> PRIMARY = Set.of("upstream", "master");

    @Bean
    StoreState storeAvailability() {
        return new StoreState();
    }

    @Bean
    RedisCalls redisCalls(ReactiveStringRedisTemplate redis, StoreState state, StoreProperties properties,
            MeterRegistry registry, ObjectProvider<ReplicatedWrites> replicated) {
        return new RedisCalls(redis, state, properties.redis().timeout(), new StoreErrors(registry),
                replicated.getIfAvailable());
    }

    /**
     * With {@code wait-replicas} above 0: the connection revocations and redemptions are written
     * and waited for on, opened from the client of Spring Boot's connection factory; closed with
     * the context, before the factory.
     */
    @Bean
    @ConditionalOnExpression("${tollgate.store.redis.wait-replicas:0} > 0")
    ReplicatedWrites replicatedWrites(LettuceConnectionFactory connections, StoreProperties properties) {
        return new ReplicatedWrites(connections::getRequiredNativeClient, properties.redis().waitReplicas(),
                properties.redis().waitTimeout());
    }

    @Bean
    RedisKeys redisKeys(StoreProperties properties) {
        return new RedisKeys(properties.redis().keyPrefix(), properties.redis().revocationChannel());
    }

    /** The local copy keeps revocations for this replica's clock skew past {@code exp}. */
    @Bean
    RedisRevocationStore redisRevocationStore(
            RedisCalls redis, RedisKeys keys, ValidationProperties validation, Clock clock) {
        return new RedisRevocationStore(redis, keys, clock, validation.clockSkew());
    }

    @Bean
    RedisCutOffStore cutOffStore(RedisCalls redis, RedisKeys keys, Clock clock) {
        return new RedisCutOffStore(redis, keys, clock);
    }

    /** What the rest of Tollgate uses; the adapter itself is a bean only for {@link RedisStoreMonitor}. */
    @Bean
    @Primary
    RevocationStore revocationStore(RedisRevocationStore store, MeterRegistry registry) {
        return new CountedRevocationStore(store, registry);
    }

    @Bean
    StateStores stateStores(RedisCalls redis, RedisKeys keys, JsonMapper json, Clock clock) {
        return new RedisStateStores(redis, keys, json, clock);
    }

    /**
     * Watches Lettuce's events for reconnection attempts: the first attempt for a connection means
     * it (perhaps the subscription's) was lost without the monitor closing it, so the revocation
     * and cut-off sets are re-read. Only the first: a node that stays gone, such as a Cluster
     * primary that was failed over and is still listed as failed, is retried for ever, and every
     * later attempt is the same loss (each would re-read the whole sets again).
     */
    @Bean
    RedisStoreMonitor redisStoreMonitor(RedisCalls redis, RedisRevocationStore revocations, RedisCutOffStore cutOffs,
            StoreState state, StoreProperties properties, ClientResources resources) {
        return new RedisStoreMonitor(redis, new RedisAnnouncements(redis, List.of(revocations, cutOffs)), state,
                properties.redis().checkInterval(),
                resources.eventBus().get().ofType(ReconnectAttemptEvent.class)
                        .filter(attempt -> attempt.getAttempt() == 1));
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(StoreAvailability availability) {
        return new StoreHealthIndicator(availability, StoreProperties.Type.REDIS);
    }

    /**
     * While the connection is down, commands fail at once instead of queueing until their timeout:
     * a replica that knows Redis is gone answers 503 without making each request wait.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Reconnect attempts back off up to the check interval, not Lettuce's default 30 seconds, so a
     * replica is ready again soon after Redis is.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectPromptly(StoreProperties properties) {
        Duration ceiling = properties.redis().checkInterval();
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), ceiling, 2, TimeUnit.MILLISECONDS));
    }

    /**
     * On a Cluster, Lettuce learns that a replica took over a killed primary's slots only by
     * refreshing its view of the topology. {@code spring.data.redis.lettuce.cluster.refresh.*}
     * say how (adaptive triggers and a period, both on in application.yml), as Spring Boot reads
     * them; this adds what Boot has no key for: after one adaptive refresh, the next may follow
     * one check interval later, not Lettuce's default 30 seconds. The first refresh, triggered by
     * the lost connection, comes before the replica has taken over; the one that finds the new
     * primary must not be held back.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer seeClusterFailoversPromptly(
            DataRedisProperties redis, StoreProperties properties) {
        DataRedisProperties.Lettuce.Cluster.Refresh refresh = redis.getLettuce().getCluster().getRefresh();
        return options -> {
            if (options instanceof ClusterClientOptions.Builder cluster) {
                ClusterTopologyRefreshOptions.Builder topology = ClusterTopologyRefreshOptions.builder()
                        .dynamicRefreshSources(refresh.isDynamicRefreshSources())
                        .adaptiveRefreshTriggersTimeout(properties.redis().checkInterval());
                if (refresh.getPeriod() != null) {
                    topology.enablePeriodicRefresh(refresh.getPeriod());
                }
                if (refresh.isAdaptive()) {
                    topology.enableAllAdaptiveRefreshTriggers();
                }
                cluster.topologyRefreshOptions(topology.build());
            }
        };
    }

    /**
     * Every read of state goes to the primary, Lettuce's default: a replica lags behind it, so a
     * code redeemed or a revocation written a moment ago could be missing there (a reload on
     * reconnection would miss the revocation for good). A {@code spring.data.redis.lettuce.read-from}
     * other than the primary stops the start instead of being obeyed.
     */
    @Bean
    LettuceClientConfigurationBuilderCustomizer readStateFromThePrimaryOnly(DataRedisProperties redis) {
        return builder -> {
            String readFrom = redis.getLettuce().getReadFrom();
            if (readFrom != null && !PRIMARY.contains(readFrom.replace("-", "").toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("spring.data.redis.lettuce.read-from=" + readFrom
                        + " would read Tollgate's state from replicas, which lag behind the primary:"
                        + " remove it (Tollgate reads from the primary only)");
            }
        };
    }
}
