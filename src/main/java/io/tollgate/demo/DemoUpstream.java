package io.tollgate.demo;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in downstream service on 127.0.0.1, so the embedded default can be tried end to end.
 * It answers every request with {@code {"method":…,"path":…,"headers":{…}}}, listing the {@code
 * X-Auth-*} headers the gateway relayed: what an upstream learns about its caller.
 */
public final class DemoUpstream implements SmartLifecycle {

    private final int port;
    private final JsonMapper json;
    private volatile DisposableServer server;

    public DemoUpstream(int port, JsonMapper json) {
        this.port = port;
        this.json = json;
    }

    @Override
    public void start() {
        server = HttpServer.create().host("127.0.0.1").port(port).handle(this::echo).bindNow();
    }

    @Override
    public void stop() {
        server.disposeNow();
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port it listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return server.port();
    }

    private Mono<Void> echo(HttpServerRequest request, HttpServerResponse response) {
        Map<String, String> identity = new TreeMap<>();
        request.requestHeaders().forEach(header -> {
            if (header.getKey().toLowerCase(Locale.ROOT).startsWith("x-auth-")) {
                identity.put(header.getKey(), header.getValue());
            }
        });
        byte[] body = json.writeValueAsBytes(
                Map.of("method", request.method().name(), "path", request.fullPath(), "headers", identity));
        return response.header("Content-Type", "application/json")
                .sendByteArray(Mono.just(body))
                .then();
    }
}
