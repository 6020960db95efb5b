package io.tollgate.store;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.store.*}: where shared state lives, and what the guard does while it cannot be
 * reached.
 *
 * @param type {@code memory} for a single instance (the embedded default), {@code redis} for
 *     replicas that behave as one ({@code spring.data.redis.*} says where Redis is)
 * @param onFailure what the guard does with a token it has not cached while the store is down
 * @param redis settings of the Redis engine
 */
@Validated
@ConfigurationProperties("tollgate.store")
public record StoreProperties(
        @NotNull @DefaultValue("memory") Type type,
        @NotNull @DefaultValue("fail-closed") FailurePolicy onFailure,
        @Valid @NotNull @DefaultValue Redis redis) {

    /** The state engines Tollgate can use. */
    public enum Type {
        /** In-process state: one instance only. */
        MEMORY,
        /** Redis: state shared by every replica. */
        REDIS
    }

    /**
     * @param keyPrefix the start of every key Tollgate writes, so one Redis can serve several
     *     installations; without braces, which would make it the hash tag of every key and put
     *     all of them in one slot of a Redis Cluster
     * @param revocationChannel the pub/sub channel revocations are announced on
     * @param timeout the longest any one store operation may take before it counts as a failure
     * @param checkInterval how often a replica checks that Redis answers (readiness, failure policy)
     * @param waitReplicas how many replicas must acknowledge a revocation or a single-use redemption
     *     ({@code WAIT}) before it counts as done; 0 (the default) acknowledges once the primary
     *     answered (docs/STATE.md, "Failover")
     * @param waitTimeout how long {@code WAIT} waits for them; shorter than {@code timeout}
     */
    public record Redis(
            @NotBlank @Pattern(regexp = "[^{}]*", message = "must not contain braces (a Redis hash tag)")
            @DefaultValue("tollgate:") String keyPrefix,
            @NotBlank @DefaultValue("tollgate:revocations") String revocationChannel,
            @NotNull @DefaultValue("1s") Duration timeout,
            @NotNull @DefaultValue("1s") Duration checkInterval,
            @Min(0) @DefaultValue("0") int waitReplicas,
            @NotNull @DurationMin(millis = 1) @DefaultValue("100ms") Duration waitTimeout) {

        /** {@code WAIT} runs within the call's own bound, so it must end before the call times out. */
        @AssertTrue(message = "wait-timeout must be shorter than timeout")
        public boolean isWaitTimeoutWithinTimeout() {
            return timeout == null || waitTimeout == null || waitTimeout.compareTo(timeout) < 0;
        }
    }
}
