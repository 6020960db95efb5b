package io.tollgate.issuer.oauth;

import io.tollgate.audit.Claimant;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.observability.IssuanceRefusal;
import io.tollgate.observability.IssuerMeters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON answers of the endpoints where a client authenticates ({@code request_token}, {@code
 * introspect}): never stored by a cache ({@code Cache-Control: no-store}, {@code Pragma: no-cache}),
 * and an OAuth error as RFC 6749 §5.2 words it, counted in {@code
 * tollgate_issuer_rejections_total{dialect="oauth",code}} and audited with the client the request
 * named. A 401 to a request that sent {@code Authorization} carries the Basic challenge (§5.2).
 */
final class OAuthResponses {

    private final IssuerMeters meters;
    private final Map<String, IssuanceRefusal> rejections = new ConcurrentHashMap<>();
    private final JsonMapper json;

    OAuthResponses(IssuerMeters meters, JsonMapper json) {
        this.meters = meters;
        this.json = json;
    }

    /** 200 with {@code body} as JSON. */
    Mono<ServerResponse> ok(Map<String, Object> body) {
        return respond(HttpStatus.OK, json.writeValueAsBytes(body), false);
    }

    /** 200 with {@code body}, JSON bytes encoded once by the caller. */
    Mono<ServerResponse> ok(byte[] body) {
        return respond(HttpStatus.OK, body, false);
    }

    /**
     * The error's answer, counted and audited with {@code claimant}.
     *
     * @param basic whether the request sent an {@code Authorization} header
     */
    Mono<ServerResponse> refusal(OAuthError error, boolean basic, Claimant claimant) {
        return ClientAddress.ofCurrentRequest().flatMap(address -> {
            rejections.computeIfAbsent(error.error(), meters::rejection).record(claimant, address);
            return respond(error.status(), encode(error), basic && error.status() == HttpStatus.UNAUTHORIZED);
        });
    }

    /** 500 {@code server_error}, for a failure of Tollgate itself (logged by the caller). */
    Mono<ServerResponse> serverError() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "server_error");
        body.put("error_description", "The request could not be processed");
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, json.writeValueAsBytes(body), false);
    }

    private byte[] encode(OAuthError error) {
        return json.writeValueAsBytes(error.body());
    }

    private static Mono<ServerResponse> respond(HttpStatus status, byte[] body, boolean basicChallenge) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (basicChallenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"");
        }
        return response.bodyValue(body);
    }
}
