package io.tollgate.bench.floor;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Case R of the load benchmark (issue #18): the floor of Tollgate's HTTP stack. A Reactor Netty
 * server hands every request to a pooled Reactor Netty client towards the bench upstream and
 * streams the answer back, with nothing between them: no routing, no filters, no Spring. B/R is
 * then what Spring Cloud Gateway's proxy path costs above the stack it runs on.
 *
 * <p>It forwards what a proxy must: the method, the path with its query, the headers less the
 * hop-by-hop ones (RFC 9110 §7.6.1: {@code Connection}, those it names, and the fixed list), the
 * request body and the response body as streams, the status and the response headers less the
 * hop-by-hop ones. {@code Host} becomes the upstream's, as Spring Cloud Gateway sets it without
 * {@code PreserveHostHeader}. What it omits is in docs/BENCHMARKS.md ("The floor: case R").
 *
 * <p>The connection pool is Spring Cloud Gateway's default ({@code httpclient.pool.type: ELASTIC}):
 * no bound on connections and no wait for one. The server and the client share Reactor Netty's
 * global event loops, as Spring Cloud Gateway's do.
 *
 * <p>Usage: {@code java -jar bench-floor.jar <port> <upstream port>}.
 */
public final class BenchFloor {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private BenchFloor() {}

    public static void main(String[] args) {
        int upstreamPort = Integer.parseInt(args[1]);
        DisposableServer server = start(Integer.parseInt(args[0]), upstreamPort);
        System.out.println("bench floor listening on 127.0.0.1:" + server.port() + ", upstream port " + upstreamPort);
        server.onDispose().block();
    }

    /** Binds the proxy on 127.0.0.1 ({@code port} 0: any free port) to the upstream's port. */
    static DisposableServer start(int port, int upstreamPort) {
        ConnectionProvider pool = ConnectionProvider.builder("floor")
                .maxConnections(Integer.MAX_VALUE)
                .pendingAcquireTimeout(Duration.ZERO)
                .pendingAcquireMaxCount(-1)
                .build();
        HttpClient client = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + upstreamPort);
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> client
                        .request(request.method())
                        .uri(request.uri())
                        .send((outbound, out) -> {
                            outbound.headers(endToEnd(request.requestHeaders(), true));
                            // Transfer-Encoding is hop-by-hop, but a body of unknown length needs it
                            // on the next hop too.
                            if (request.requestHeaders().containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)) {
                                outbound.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                            }
                            return out.send(request.receive().retain());
                        })
                        .response((upstream, body) -> response
                                .status(upstream.status())
                                .headers(endToEnd(upstream.responseHeaders(), false))
                                .send(body.retain()))
                        .then()
                        .onErrorResume(error -> response.hasSentHeaders()
                                ? Mono.error(error)
                                : response.status(HttpResponseStatus.BAD_GATEWAY).send()))
                .bindNow();
    }

    /** The headers a proxy passes on: all but the hop-by-hop ones (and, on a request, Host). */
    private static HttpHeaders endToEnd(HttpHeaders headers, boolean request) {
        Set<String> named = connectionTokens(headers);
        HttpHeaders passed = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || named.contains(name)
                    || (request && HttpHeaderNames.HOST.contentEqualsIgnoreCase(name))) {
                continue;
            }
            passed.add(header.getKey(), header.getValue());
        }
        return passed;
    }

    /** The header names a Connection header lists, which are hop-by-hop for this message. */
    private static Set<String> connectionTokens(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return Set.of();
        }
        return Arrays.stream(connection.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim)
                .collect(Collectors.toSet());
    }
}
