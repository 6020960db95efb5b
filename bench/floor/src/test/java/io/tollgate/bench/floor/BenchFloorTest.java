package io.tollgate.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * Case R forwards what a proxy must, so that it is a fair floor: method, path and query, the
 * end-to-end headers both ways, the bodies both ways (a chunked one too), and no hop-by-hop header.
 */
class BenchFloorTest {

    /** What the upstream saw of the last request. */
    private final AtomicReference<String> seenLine = new AtomicReference<>();
    private final AtomicReference<HttpHeaders> seenHeaders = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();

    private DisposableServer upstream;
    private DisposableServer floor;

    @AfterEach
    void stop() {
        if (floor != null) {
            floor.disposeNow();
        }
        if (upstream != null) {
            upstream.disposeNow();
        }
    }

    private void startBoth() {
        upstream = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                        .flatMap(body -> {
                            seenLine.set(request.method() + " " + request.uri());
                            seenHeaders.set(request.requestHeaders().copy());
                            seenBody.set(body);
                            return response.status(201)
                                    .header("Connection", "keep-alive, X-Hop")
                                    .header("X-Hop", "dropped")
                                    .header("Keep-Alive", "timeout=5")
                                    .header("X-End", "kept")
                                    .sendString(Mono.just("echo:" + body))
                                    .then();
                        }))
                .bindNow();
        floor = BenchFloor.start(0, upstream.port());
    }

    private HttpClient client() {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + floor.port());
    }

    @Test
    void forwardsMethodPathQueryAndEndToEndHeadersButNoHopByHopOnes() {
        startBoth();

        String body = client()
                .headers(h -> h.set("Connection", "keep-alive, X-Drop")
                        .set("X-Drop", "dropped")
                        .set("TE", "trailers")
                        .set("Proxy-Authorization", "Basic eA==")
                        .set("Authorization", "Bearer token")
                        .set("X-Keep", "kept"))
                .get()
                .uri("/open/x?a=1&b=two")
                .responseSingle((response, content) -> {
                    assertThat(response.status().code()).isEqualTo(201);
                    assertThat(response.responseHeaders().get("X-End")).isEqualTo("kept");
                    assertThat(response.responseHeaders().contains("X-Hop")).isFalse();
                    assertThat(response.responseHeaders().contains("Keep-Alive")).isFalse();
                    return content.asString();
                })
                .block();

        assertThat(body).isEqualTo("echo:");
        assertThat(seenLine.get()).isEqualTo("GET /open/x?a=1&b=two");
        HttpHeaders headers = seenHeaders.get();
        assertThat(headers.get("Authorization")).isEqualTo("Bearer token");
        assertThat(headers.get("X-Keep")).isEqualTo("kept");
        assertThat(headers.get("Host")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(headers.contains("X-Drop")).isFalse();
        assertThat(headers.contains("TE")).isFalse();
        assertThat(headers.contains("Proxy-Authorization")).isFalse();
        assertThat(headers.contains("Connection", "X-Drop", true)).isFalse();
    }

    @Test
    void streamsAChunkedRequestBodyAndTheAnswer() {
        startBoth();

        String body = client()
                .post()
                .uri("/upload")
                .send(ByteBufFlux.fromString(Flux.just("part-1;", "part-2;", "part-3"), StandardCharsets.UTF_8,
                        ByteBufAllocator.DEFAULT))
                .responseSingle((response, content) -> content.asString())
                .block();

        assertThat(seenLine.get()).isEqualTo("POST /upload");
        assertThat(seenHeaders.get().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(seenBody.get()).isEqualTo("part-1;part-2;part-3");
        assertThat(body).isEqualTo("echo:part-1;part-2;part-3");
    }

    @Test
    void answers502WhenTheUpstreamIsGone() {
        startBoth();
        upstream.disposeNow();

        Integer status = client().get().uri("/open/x").responseSingle((response, content) -> Mono.just(response.status().code())).block();

        assertThat(status).isEqualTo(502);
    }
}
