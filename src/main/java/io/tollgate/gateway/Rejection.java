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
 * JSON body, encoded once.
 */
record Rejection(HttpStatus status, String challenge, byte[] body) {

    static Rejection of(HttpStatus status, String challenge, String body) {
        return new Rejection(status, challenge, body.getBytes(StandardCharsets.UTF_8));
    }

    Mono<Void> write(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        headers.setCacheControl("no-store");
        if (challenge != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
