package io.tollgate.support;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real upstream on a random loopback port, shared by the test run. It echoes the method, path
 * and every request header it received (names lower-cased), so tests see exactly what the gateway
 * forwarded. A request carrying {@link #PROBE_HEADER} also has its request target recorded as it
 * arrived, byte for byte, for {@link #received(String)}.
 */
public final class TestUpstream {

    /** A request header naming the request, so that a test can ask what reached the upstream. */
    public static final String PROBE_HEADER = "X-Test-Probe";

    /**
     * A response header on every answer of this upstream (and of the test routes' local handler),
     * so {@link OpenApiContract} can tell an upstream's answer, which is not Tollgate's contract,
     * from Tollgate's own.
     */
    public static final String ANSWERED_HEADER = "X-Test-Upstream";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();
    private static final DisposableServer SERVER = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            // Above the gateway's own 16 KB, so that whatever the gateway forwards is answered here
            // instead of refused with a 431 the gateway would relay.
            .httpRequestDecoder(decoder -> decoder.maxHeaderSize(64 * 1024))
            .handle((request, response) -> {
                String probe = request.requestHeaders().get(PROBE_HEADER);
                if (probe != null) {
                    RECEIVED.put(probe, request.uri());
                }
                Map<String, String> headers = new TreeMap<>();
                request.requestHeaders().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(),
                        (a, b) -> a + "," + b));
                byte[] body = JSON.writeValueAsBytes(Map.of(
                        "method", request.method().name(), "path", request.fullPath(), "headers", headers));
                return response.header("Content-Type", "application/json").header(ANSWERED_HEADER, "answered")
                        .sendByteArray(Mono.just(body)).then();
            })
            .bindNow();

    private TestUpstream() {}

    public static int port() {
        return SERVER.port();
    }

    /**
     * The raw request target (path and query, as sent on the request line) of the request that
     * carried {@code probe}, if one reached the upstream; forgotten once asked for.
     */
    public static Optional<String> received(String probe) {
        return Optional.ofNullable(RECEIVED.remove(probe));
    }

    /** The headers the upstream echoed for {@code request}, which must have been admitted (200). */
    public static Map<String, String> echoedHeaders(RequestHeadersSpec<?> request) {
        Map<String, Object> echo = request.exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) echo.get("headers");
        return headers;
    }
}
