package io.tollgate.issuer;

import java.net.InetSocketAddress;
import org.springframework.web.reactive.function.server.ServerRequest;

/** The address a request came from, as a lockout key; {@code unknown} when the server cannot tell. */
final class ClientAddress {

    private ClientAddress() {}

    static String of(ServerRequest request) {
        return request.remoteAddress()
                .map(InetSocketAddress::getAddress)
                .map(address -> address.getHostAddress())
                .orElse("unknown");
    }
}
