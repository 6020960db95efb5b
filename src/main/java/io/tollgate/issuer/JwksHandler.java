package io.tollgate.issuer;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /.well-known/jwks.json}: the key ring's public keys, encoded once. */
public final class JwksHandler implements HandlerFunction<ServerResponse> {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final byte[] document;

    public JwksHandler(KeyRing keyRing, JsonMapper json) {
        this.document = json.writeValueAsBytes(keyRing.publicJwks());
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.GET).build();
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CACHE).bodyValue(document);
    }
}
