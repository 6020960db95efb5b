package io.tollgate.gateway;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import reactor.core.publisher.Mono;

/**
 * The address a request came from: the one definition for the per-address rate limit, the address
 * lockouts and the audit lines, so they always count the same caller. It is the request's remote
 * address, which is the connection's peer unless that peer is a trusted proxy ({@code
 * tollgate.network.trusted-proxies}); then Reactor Netty has already put the client that proxy
 * names in {@code X-Forwarded-For} there ({@link io.tollgate.network.ForwardedClient}). Anyone
 * else's {@code X-Forwarded-For} never counts, since any client can send one.
 */
public final class ClientAddress {

    /** What the lockouts count when the server cannot tell the address. */
    public static final String UNKNOWN = "unknown";

    private ClientAddress() {}

    /** The client's IP address as text; empty when the server cannot tell. */
    public static Optional<String> of(ServerHttpRequest request) {
        return Optional.ofNullable(request.getRemoteAddress())
                .map(InetSocketAddress::getAddress)
                .map(address -> address.getHostAddress());
    }

    /**
     * The client address of the request being served, for code that has no request at hand (a
     * credential check deep in a grant): read from the request that {@link
     * ServerWebExchangeContextFilter} puts in the Reactor context; {@link #UNKNOWN} when the server
     * cannot tell. Fails when no request is in the context, rather than count every caller as one.
     */
    public static Mono<String> ofCurrentRequest() {
        return Mono.deferContextual(context -> ServerWebExchangeContextFilter.getExchange(context)
                .map(exchange -> Mono.just(of(exchange.getRequest()).orElse(UNKNOWN)))
                .orElseGet(() -> Mono.error(new IllegalStateException(
                        "No request in the Reactor context: ServerWebExchangeContextFilter is not installed"))));
    }
}
