package io.tollgate.support;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real upstream on a random loopback port, shared by the test run. It echoes the method, path
 * and every request header it received (names lower-cased), so tests see exactly what the gateway
 * forwarded, and records every request target it received ({@link #received()}).
 */
public final class TestUpstream {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();
    private static final DisposableServer SERVER = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> {
                RECEIVED.add(request.uri());
                Map<String, String> headers = new TreeMap<>();
                request.requestHeaders().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(),
                        (a, b) -> a + "," + b));
                byte[] body = JSON.writeValueAsBytes(Map.of(
                        "method", request.method().name(), "path", request.fullPath(), "headers", headers));
                return response.header("Content-Type", "application/json").sendByteArray(Mono.just(body)).then();
            })
            .bindNow();

    private TestUpstream() {}

    public static int port() {
        return SERVER.port();
    }

    /** The request target (path and query, as sent) of every request received so far, in order. */
    public static List<String> received() {
        return List.copyOf(RECEIVED);
    }
}
