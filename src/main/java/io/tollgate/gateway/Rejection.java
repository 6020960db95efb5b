package io.tollgate.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A refusal as the client sees it: status, an optional {@code WWW-Authenticate} challenge and a
 * body (JSON unless said otherwise), encoded once. {@code code} names the body within its dialect
 * (genuin's {@code code}, the bearer dialect's {@code error}, the channel dialect's text), for
 * {@code X-Tollgate-Code} where forward authentication answers for the route.
 */
public record Rejection(HttpStatus status, String code, String challenge, MediaType contentType, byte[] body) {

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    static Rejection of(HttpStatus status, String code, String challenge, String body) {
        return new Rejection(status, code, challenge, MediaType.APPLICATION_JSON,
                body.getBytes(StandardCharsets.UTF_8));
    }

    static Rejection text(HttpStatus status, String body) {
        return new Rejection(status, body, null, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    Mono<Void> write(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(contentType);
        headers.setContentLength(body.length);
        headers.setCacheControl("no-store");
        if (challenge != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
