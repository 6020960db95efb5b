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

/**
 * {@code GET /.well-known/jwks.json}: the public keys of the ring in force, encoded once per ring.
 *
 * <p>Answers may be cached for five minutes ({@code Cache-Control: public, max-age=300}): a client
 * or proxy honouring it can hold a set from before a rotation that long, so a client must read the
 * set again when a token names a {@code kid} it lacks (as {@code RemoteKeySet} does), and a key
 * dropped here may still be trusted by such a client for up to five minutes
 * (docs/OPERATIONS.md, "Signing key rotation").
 */
public final class JwksHandler implements HandlerFunction<ServerResponse> {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final PerKeyRing<byte[]> document;

    public JwksHandler(SigningKeys keys, JsonMapper json) {
        this.document = new PerKeyRing<>(keys, ring -> json.writeValueAsBytes(ring.publicJwks()));
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.GET).build();
        }
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CACHE)
                .bodyValue(document.get());
    }
}
