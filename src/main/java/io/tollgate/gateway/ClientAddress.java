package io.tollgate.gateway;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request came from: the connection's peer, never {@code X-Forwarded-For}, which any
 * client can send. One definition for the per-address rate limit and the brand endpoint's address
 * lockout, so the two always count the same caller.
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** The peer's IP address as text; empty when the server cannot tell. */
    public static Optional<String> of(ServerHttpRequest request) {
        return Optional.ofNullable(request.getRemoteAddress())
                .map(InetSocketAddress::getAddress)
                .map(address -> address.getHostAddress());
    }
}
