package io.tollgate.network;

import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import reactor.netty.http.server.ConnectionInfo;

/**
 * Reactor Netty's forwarded-header hook ({@code HttpServer.forwarded}), restricted to trusted
 * proxies: for a request whose peer is one, the client address becomes the one its {@code
 * X-Forwarded-For} names ({@link TrustedProxies#client}) and the scheme its {@code
 * X-Forwarded-Proto} ({@code http} or {@code https}, the first value). Everything above Netty
 * then sees the real client: {@code ServerHttpRequest.getRemoteAddress()} (so the rate limits, the
 * lockouts and the audit lines, through {@link io.tollgate.gateway.ClientAddress}) and the
 * request URI's scheme (so the pages' session cookie gets {@code Secure} behind a proxy that
 * terminates TLS). A request from any other peer keeps the connection's own address and scheme.
 * {@code Forwarded} (RFC 7239), {@code X-Forwarded-Host} and {@code -Port} are not read.
 */
public final class ForwardedClient implements BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final TrustedProxies proxies;

    public ForwardedClient(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public ConnectionInfo apply(ConnectionInfo connection, HttpRequest request) {
        InetSocketAddress peer = connection.getRemoteAddress();
        if (peer == null || peer.getAddress() == null || !proxies.trusts(peer.getAddress())) {
            return connection;
        }
        ConnectionInfo forwarded = connection;
        Optional<InetAddress> client = proxies.client(request.headers().getAll(FORWARDED_FOR));
        if (client.isPresent()) {
            forwarded = forwarded.withRemoteAddress(new InetSocketAddress(client.get(), peer.getPort()));
        }
        String proto = request.headers().get(FORWARDED_PROTO);
        if (proto != null) {
            String scheme = proto.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https")) {
                forwarded = forwarded.withScheme(scheme);
            }
        }
        return forwarded;
    }
}
