package io.tollgate.issuer.oauth;

import io.tollgate.issuer.FormBody;
import io.tollgate.issuer.MalformedRequestException;
import io.tollgate.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /platform/oauth/introspect}, RFC 7662 token introspection for confidential clients.
 * The client authenticates exactly as at {@code request_token} ({@link ClientAuthentication}: the
 * same methods, lockout by address and {@code invalid_client} answer); a public client cannot
 * authenticate, so it gets {@code invalid_client} too. Parameters come from the form body alone, so
 * no token travels in a URL: {@code token} (required) and {@code token_type_hint}.
 *
 * <p>An active Tollgate access token ({@link AccessTokenIntrospection}) or a refresh token of the
 * calling client ({@link RefreshTokenIntrospection}) is described; anything else answers {@code
 * {"active":false}} and nothing more, the same bytes and headers whatever the reason. Every inactive
 * answer has looked the token up both ways, so how long it takes says no more than its body. {@code
 * token_type_hint=refresh_token} looks among refresh tokens first, any other hint (or an unknown one,
 * which RFC 7662 §2.1 says to ignore) among access tokens first.
 */
final class IntrospectionEndpoint implements HandlerFunction<ServerResponse> {

    /** Where it answers; named {@code introspection_endpoint} in the metadata. */
    static final String PATH = "/platform/oauth/introspect";

    private static final Logger log = LoggerFactory.getLogger(IntrospectionEndpoint.class);
    private static final byte[] INACTIVE = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);
    private static final String REFRESH_TOKEN_HINT = "refresh_token";

    private final ClientAuthentication clients;
    private final AccessTokenIntrospection accessTokens;
    private final RefreshTokenIntrospection refreshTokens;
    private final OAuthResponses responses;

    IntrospectionEndpoint(
            ClientAuthentication clients,
            AccessTokenIntrospection accessTokens,
            RefreshTokenIntrospection refreshTokens,
            OAuthResponses responses) {
        this.clients = clients;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.responses = responses;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        boolean basic = request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null;
        HttpHeaders headers = request.headers().asHttpHeaders();
        return FormBody.read(request)
                .flatMap(form -> {
                    Parameters parameters = Parameters.of(form);
                    return Mono.defer(() -> introspect(parameters, headers))
                            .onErrorResume(OAuthError.class,
                                    error -> responses.refusal(error, basic, clients.claimant(parameters, headers)))
                            .onErrorResume(StoreUnavailableException.class, error -> {
                                log.warn("Introspection refused: {}", error.getMessage());
                                return responses.refusal(OAuthError.temporarilyUnavailable(), basic,
                                        clients.claimant(parameters, headers));
                            });
                })
                // Unreadable input is the OAuth routes' invalid_request, answered where they are wired.
                .onErrorResume(error -> !MalformedRequestException.isMalformedInput(error), error -> {
                    log.error("Introspection failed", error);
                    return responses.serverError();
                });
    }

    private Mono<ServerResponse> introspect(Parameters parameters, HttpHeaders headers) {
        return clients.authenticate(parameters, headers).flatMap(client -> {
            if (!client.isConfidential()) {
                return Mono.error(OAuthError.invalidClient("Client authentication failed"));
            }
            String token = parameters.required("token");
            Mono<Map<String, Object>> access = Mono.defer(() -> accessTokens.describe(token));
            Mono<Map<String, Object>> refresh = Mono.defer(() -> refreshTokens.describe(client, token));
            Mono<Map<String, Object>> described = REFRESH_TOKEN_HINT.equals(parameters.optional("token_type_hint"))
                    ? refresh.switchIfEmpty(access)
                    : access.switchIfEmpty(refresh);
            return described.flatMap(responses::ok).switchIfEmpty(Mono.defer(() -> responses.ok(INACTIVE)));
        });
    }
}
