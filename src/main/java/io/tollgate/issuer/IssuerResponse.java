package io.tollgate.issuer;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * One fixed refusal of an issuer dialect: status, content type and body encoded once, with the
 * counter that records it. Never cached, like the dialect's token answers.
 */
record IssuerResponse(HttpStatus status, MediaType contentType, byte[] body, Counter counter) {

    static IssuerResponse of(HttpStatus status, MediaType contentType, String body, Counter counter) {
        return new IssuerResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), counter);
    }

    Mono<ServerResponse> send() {
        counter.increment();
        return ServerResponse.status(status)
                .contentType(contentType)
                .cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }
}
