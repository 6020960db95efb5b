package io.tollgate.bench.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The load benchmark's upstream: answers every request on 127.0.0.1 with the same small body and
 * nothing else, so that case A (wrk straight at it) is the most this machine can serve and every
 * other case measures what the gateway in front of it costs.
 *
 * <p>Usage: {@code java -jar bench-upstream.jar <port>}.
 */
public final class BenchUpstream {

    private static final ByteBuf BODY = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));

    private BenchUpstream() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> response
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(BODY.readableBytes()))
                        .send(Mono.just(BODY.duplicate())))
                .bindNow();
        System.out.println("bench upstream listening on 127.0.0.1:" + server.port());
        server.onDispose().block();
    }
}
