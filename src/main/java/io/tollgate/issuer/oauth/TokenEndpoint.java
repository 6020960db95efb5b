package io.tollgate.issuer.oauth;

import io.micrometer.core.instrument.Counter;
import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.issuer.FormBody;
import io.tollgate.issuer.MalformedRequestException;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.StoreUnavailableException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /platform/oauth/request_token} (POST form, or GET with query parameters as the platform
 * documents it): authenticates the client, picks the grant ({@code authorization_code} when none
 * is named) and answers RFC 6749's JSON, never cached. Every OAuth error it answers is counted and
 * audited with the client the request names, if it names one ({@link ClientAuthentication#claimant}).
 */
final class TokenEndpoint implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final ClientAuthentication clients;
    private final Map<GrantType, TokenGrant> grants = new EnumMap<>(GrantType.class);
    private final Map<GrantType, Counter> issued = new EnumMap<>(GrantType.class);
    private final OAuthResponses responses;

    TokenEndpoint(ClientAuthentication clients, List<TokenGrant> grants, IssuerMeters meters, OAuthResponses responses) {
        this.clients = clients;
        this.responses = responses;
        for (TokenGrant grant : grants) {
            this.grants.put(grant.type(), grant);
            this.issued.put(grant.type(), meters.issued(grant.type().wireName()));
        }
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method()) && !HttpMethod.GET.equals(request.method())) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.GET, HttpMethod.POST).build();
        }
        boolean basic = request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null;
        HttpHeaders headers = request.headers().asHttpHeaders();
        return FormBody.read(request)
                .flatMap(form -> {
                    Parameters parameters = Parameters.of(FormBody.query(request), form);
                    return Mono.defer(() -> grant(parameters, headers))
                            .onErrorResume(OAuthError.class,
                                    error -> responses.refusal(error, basic, clients.claimant(parameters, headers)))
                            .onErrorResume(StoreUnavailableException.class, error -> {
                                log.warn("Token request refused: {}", error.getMessage());
                                return responses.refusal(OAuthError.temporarilyUnavailable(), basic,
                                        clients.claimant(parameters, headers));
                            });
                })
                // Unreadable input is the OAuth routes' invalid_request, answered where they are wired.
                .onErrorResume(error -> !MalformedRequestException.isMalformedInput(error), error -> {
                    log.error("Token request failed", error);
                    return responses.serverError();
                });
    }

    private Mono<ServerResponse> grant(Parameters parameters, HttpHeaders headers) {
        return clients.authenticate(parameters, headers).flatMap(client -> grant(client, parameters));
    }

    private Mono<ServerResponse> grant(OAuthClient client, Parameters parameters) {
        String name = parameters.optional("grant_type");
        GrantType type = name == null ? GrantType.AUTHORIZATION_CODE : GrantType.fromWireName(name);
        TokenGrant grant = type == null ? null : grants.get(type);
        if (grant == null) {
            throw OAuthError.unsupportedGrantType("The grant_type " + name + " is not supported");
        }
        if (!client.allows(type)) {
            throw OAuthError.unauthorizedClient("This application is not authorized to use grant_type " + type.wireName());
        }
        String state = parameters.optional("state");
        return grant.grant(client, parameters).flatMap(tokens -> {
            issued.get(type).increment();
            return responses.ok(tokens.body(state));
        });
    }
}
