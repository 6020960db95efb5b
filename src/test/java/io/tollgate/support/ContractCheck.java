package io.tollgate.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Holds every response a suite client receives to {@code docs/openapi.yaml} ({@link
 * OpenApiContract}): the body is read whole, judged, and handed on unchanged, so a test that never
 * reads the body is held to the document too. A response the document does not allow fails the
 * exchange with a {@link ContractViolation}. The judging runs off the event loop (schemas are
 * compiled on first use, which reads the validator's resources).
 */
public final class ContractCheck implements ExchangeFilterFunction {

    private final OpenApiContract contract;
    private final OpenApiContract.Port port;

    public ContractCheck(OpenApiContract contract, OpenApiContract.Port port) {
        this.contract = contract;
        this.port = port;
    }

    /** A suite client of Tollgate's traffic port at {@code baseUrl}, held to the document. */
    public static WebTestClient.Builder traffic(WebTestClient.Builder builder) {
        return builder.filter(new ContractCheck(OpenApiContract.suite(), OpenApiContract.Port.TRAFFIC));
    }

    /** A client of an instance whose own routes ({@code route pattern → dialect}) are judged as their dialect's. */
    public static WebTestClient.Builder traffic(WebTestClient.Builder builder, Map<String, String> routeDialects) {
        return builder.filter(new ContractCheck(OpenApiContract.suite().withRoutes(routeDialects),
                OpenApiContract.Port.TRAFFIC));
    }

    /** A suite client of Tollgate's management port, held to the document. */
    public static WebTestClient.Builder management(WebTestClient.Builder builder) {
        return builder.filter(new ContractCheck(OpenApiContract.suite(), OpenApiContract.Port.MANAGEMENT));
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return next.exchange(request).flatMap(response -> DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                .map(ContractCheck::bytes)
                .defaultIfEmpty(new byte[0])
                .publishOn(Schedulers.boundedElastic())
                .map(body -> {
                    contract.check(new ObservedExchange(port, request.method().name(), request.url().getRawPath(),
                            response.statusCode().value(), headers(response), body));
                    // An empty body stays no body at all, as the test would have seen it.
                    return response.mutate()
                            .body(body.length == 0 ? Flux.<DataBuffer>empty()
                                    : Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(body)))
                            .build();
                }));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static Map<String, List<String>> headers(ClientResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().asHttpHeaders().forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), lower -> new ArrayList<>()).addAll(values));
        return headers;
    }
}
