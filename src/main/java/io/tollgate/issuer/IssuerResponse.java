package io.tollgate.issuer;

import io.tollgate.audit.Claimant;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.observability.IssuanceRefusal;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * One fixed refusal of an issuer dialect: status, content type and body encoded once, with the
 * {@link IssuanceRefusal} that counts and audits it. Never cached, like the dialect's token answers.
 */
record IssuerResponse(HttpStatus status, MediaType contentType, byte[] body, IssuanceRefusal refusal) {

    static IssuerResponse of(HttpStatus status, MediaType contentType, String body, IssuanceRefusal refusal) {
        return new IssuerResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), refusal);
    }

    /** The refusal of a request that named {@code claimant}, recorded with the client address. */
    Mono<ServerResponse> send(Claimant claimant) {
        return ClientAddress.ofCurrentRequest().flatMap(address -> {
            refusal.record(claimant, address);
            return ServerResponse.status(status)
                    .contentType(contentType)
                    .cacheControl(CacheControl.noStore())
                    .bodyValue(body);
        });
    }
}
