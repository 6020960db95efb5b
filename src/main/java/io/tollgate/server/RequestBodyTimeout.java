package io.tollgate.server;

import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The whole body of a request must have arrived {@code tollgate.server.request-body-timeout} after
 * its reader asked for it, or the read fails with {@link RequestBodyTimeoutException}: whoever
 * reads the body (an issuer endpoint, the proxy's client) answers it as a body it could not read,
 * and the connection, its body unread, is closed.
 *
 * <p>Reactor Netty's own {@code requestTimeout} does the same but leaks: its timer, started with
 * every request, is cancelled only when the request's last content reaches the request it began
 * with, and a request answered before that (any answer that never reads the body: a refusal of
 * the guard, the JWK set, {@code /auth/check}) keeps its timer, and with it the whole request,
 * until the timer fires. At thousands of such answers a second that is hundreds of megabytes held
 * for the timeout's length (docs/BENCHMARKS.md, "Requests the server answers before their body").
 * Here the timer exists only while a body is read, and only for a request that announces one.
 */
final class RequestBodyTimeout implements WebFilter, Ordered {

    /** First of all, so every reader of the body sees the bounded one. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final Duration timeout;

    RequestBodyTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(new Bounded(exchange.getRequest(), exchange.getResponse(), timeout))
                .build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * The request whose body ends in error once {@code timeout} has passed since it was asked for;
     * the answer then carries {@code Connection: close}, since the rest of the body may still come.
     */
    private static final class Bounded extends ServerHttpRequestDecorator {

        private final ServerHttpResponse response;
        private final Duration timeout;

        Bounded(ServerHttpRequest request, ServerHttpResponse response, Duration timeout) {
            super(request);
            this.response = response;
            this.timeout = timeout;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return super.getBody().takeUntilOther(Mono.delay(timeout).then(Mono.error(this::expired)));
        }

        private RequestBodyTimeoutException expired() {
            if (!response.isCommitted()) {
                response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return new RequestBodyTimeoutException();
        }
    }
}
