package io.tollgate.issuer.oauth;

import io.tollgate.store.StoreUnavailableException;
import io.tollgate.token.AccessToken;
import io.tollgate.validation.RejectionReason;
import io.tollgate.validation.ValidationService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET|POST /platform/oauth/validate_token?access_token=…}: the same validation service as
 * the guard (cache, revocation and all). Valid: {@code {"result":"OK","expires_in":…,"scope":…,
 * "client_id":…}}; otherwise 400 {@code invalid_token}.
 */
final class ValidateTokenHandler implements HandlerFunction<ServerResponse> {

    private static final byte[] INVALID = "{\"error\":\"invalid_token\",\"error_description\":\"invalid token\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final ValidationService validation;
    private final JsonMapper json;
    private final Clock clock;

    ValidateTokenHandler(ValidationService validation, JsonMapper json, Clock clock) {
        this.validation = validation;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        return TokenParameter.read(request)
                .flatMap(validation::validate)
                .flatMap(result -> result.reason() == RejectionReason.STORE_UNAVAILABLE
                        ? Mono.error(new StoreUnavailableException("token validation", null))
                        : Mono.just(result))
                .filter(result -> result.isValid())
                .flatMap(result -> respond(HttpStatus.OK, json.writeValueAsBytes(describe(result.token()))))
                .switchIfEmpty(Mono.defer(() -> respond(HttpStatus.BAD_REQUEST, INVALID)));
    }

    private Map<String, Object> describe(AccessToken token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", "OK");
        body.put("expires_in", Math.max(0, token.expiresAtEpochSecond() - clock.instant().getEpochSecond()));
        body.put("scope", token.scopeString());
        if (!token.clientId().isEmpty()) {
            body.put("client_id", token.clientId());
        }
        return body;
    }

    private static Mono<ServerResponse> respond(HttpStatus status, byte[] body) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }
}
