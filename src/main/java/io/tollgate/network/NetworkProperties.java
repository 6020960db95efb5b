package io.tollgate.network;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.network.*}.
 *
 * @param trustedProxies the networks of the proxies in front of this instance (a load balancer,
 *     an ingress controller, the gateway pods in front of an issuer pod): a request from one of
 *     them is attributed to the rightmost {@code X-Forwarded-For} entry outside these networks,
 *     and its {@code X-Forwarded-Proto} is believed; from anyone else both headers are ignored.
 *     Each entry is an address or a CIDR block; one that is neither fails the start, named by
 *     its index. Empty (the default): the connection's peer is the client
 */
@Validated
@ConfigurationProperties("tollgate.network")
public record NetworkProperties(@NotNull @DefaultValue List<Cidr> trustedProxies) {}
